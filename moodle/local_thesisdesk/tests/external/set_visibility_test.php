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
 * Tests of local_thesisdesk_set_visibility.
 *
 * @package    local_thesisdesk
 * @category   test
 * @copyright  2026 ThesisDesk
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 * @covers     \local_thesisdesk\external\set_visibility
 */
final class set_visibility_test extends thesisdesk_testcase {
    /**
     * Hide a section and an assignment by key; unknown keys are item errors.
     */
    public function test_hide_and_show(): void {
        global $DB;
        $section = $this->thesisdesk()->create_section(["courseid" => $this->course->id, "key" => "s"]);
        $assignment = $this->thesisdesk()->create_assignment(["courseid" => $this->course->id, "key" => "a",
            "sectionkey" => "s"]);
        $result = $this->call("set_visibility", ["courseid" => $this->course->id, "items" => [
            ["key" => "a", "visible" => false], ["key" => "s", "visible" => false], ["key" => "zz", "visible" => true],
        ]]);
        $this->assertSame(["updated", "updated", "error"], array_column($result["items"], "status"));
        $this->assertSame("unknownkey", $result["items"][2]["errorcode"]);
        $this->assertEquals(0, $DB->get_field("course_sections", "visible", ["id" => $section["sectionid"]]));
        $this->assertEquals(0, $DB->get_field("course_modules", "visible", ["id" => $assignment["cmid"]]));

        $again = $this->call("set_visibility", ["courseid" => $this->course->id, "items" => [["key" => "s", "visible" => false]]]);
        $this->assertSame("unchanged", $again["items"][0]["status"]);
    }
}
