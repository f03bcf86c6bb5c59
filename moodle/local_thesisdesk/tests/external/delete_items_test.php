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
 * Tests of local_thesisdesk_delete_items.
 *
 * @package    local_thesisdesk
 * @category   test
 * @copyright  2026 ThesisDesk
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 * @covers     \local_thesisdesk\external\delete_items
 */
final class delete_items_test extends thesisdesk_testcase {
    /**
     * Deleting removes the Moodle objects; a key no longer known is an item error.
     */
    public function test_delete_twice(): void {
        global $DB;
        $group = $this->thesisdesk()->create_group(["courseid" => $this->course->id, "key" => "g"]);
        $this->thesisdesk()->create_subject(["courseid" => $this->course->id, "key" => "subj"]);
        $result = $this->call("delete_items", ["courseid" => $this->course->id, "keys" => ["g", "subj"]]);
        $this->assertSame(["deleted", "deleted"], array_column($result["items"], "status"));
        $this->assertFalse($DB->record_exists("groups", ["id" => $group["groupid"]]));

        $again = $this->call("delete_items", ["courseid" => $this->course->id, "keys" => ["g"]]);
        $this->assertSame("error", $again["items"][0]["status"]);
        $this->assertSame("unknownkey", $again["items"][0]["errorcode"]);
    }
}
