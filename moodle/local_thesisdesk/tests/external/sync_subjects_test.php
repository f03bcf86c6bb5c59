<?php
// This file is part of Moodle - https://moodle.org/
//
// Moodle is free software: you can redistribute it and/or modify
// it under the terms of the GNU General Public License as published by
// the Free Software Foundation, either version 3 of the License, or
// (at your option) any later version.
//
// Moodle is distributed in the hope that it will be useful,
// but WITHOUT ANY WARRANTY; without even the implied warranty of
// MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the
// GNU General Public License for more details.
//
// You should have received a copy of the GNU General Public License
// along with Moodle.  If not, see <https://www.gnu.org/licenses/>.

namespace local_thesisdesk\external;

defined('MOODLE_INTERNAL') || die();

global $CFG;
require_once(__DIR__ . '/thesisdesk_testcase.php');

/**
 * Tests of local_thesisdesk_sync_subjects.
 *
 * @package    local_thesisdesk
 * @category   test
 * @copyright  2026 ThesisDesk
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 * @covers     \local_thesisdesk\external\sync_subjects
 */
final class sync_subjects_test extends thesisdesk_testcase {
    /**
     * Replace removes the subjects not listed; left out, the catalogue becomes empty.
     */
    public function test_replace(): void {
        global $DB;
        $subject = ["key" => "s1", "title" => "Graph colouring", "description" => "<p>Hard</p>", "placesleft" => 2];
        $first = $this->call("sync_subjects", ["courseid" => $this->course->id, "subjects" => [
            $subject, ["key" => "s2", "title" => "Compilers"],
        ]]);
        $this->assertSame(["created", "created"], array_column($first["subjects"], "status"));

        $second = $this->call("sync_subjects", ["courseid" => $this->course->id, "subjects" => [$subject]]);
        $this->assertSame("unchanged", $second["subjects"][0]["status"]);
        $this->assertSame(1, $second["removed"]);

        $third = $this->call("sync_subjects", ["courseid" => $this->course->id]);
        $this->assertSame(1, $third["removed"]);
        $this->assertSame(0, $DB->count_records("local_thesisdesk_subjects", ["courseid" => $this->course->id]));
    }
}
