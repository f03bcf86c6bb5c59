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
 * Tests of local_thesisdesk_get_state.
 *
 * @package    local_thesisdesk
 * @category   test
 * @copyright  2026 ThesisDesk
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 * @covers     \local_thesisdesk\external\get_state
 */
final class get_state_test extends thesisdesk_testcase {
    /**
     * The state shows current values, and exists=0 for objects deleted by hand.
     */
    public function test_reports_hand_changes(): void {
        $section = $this->thesisdesk()->create_section(["courseid" => $this->course->id, "key" => "s", "name" => "Thesis"]);
        $group = $this->thesisdesk()->create_group(["courseid" => $this->course->id, "key" => "g",
            "members" => [$this->student1->id], "fingerprint" => "abc"]);
        $this->thesisdesk()->create_assignment(["courseid" => $this->course->id, "key" => "a", "sectionkey" => "s"]);

        course_update_section($this->course->id, (object) ["id" => $section["sectionid"]], ["name" => "Renamed by hand"]);
        groups_delete_group($group["groupid"]);

        $state = $this->call("get_state", ["courseid" => $this->course->id]);
        $items = array_column($state["items"], null, "key");
        $this->assertSame("Renamed by hand", $items["s"]["name"]);
        $this->assertFalse($items["g"]["exists"]);
        $this->assertSame("abc", $items["g"]["fingerprint"]);
        $this->assertTrue($items["a"]["filesubmissions"]);
        $this->assertSame("s", $items["a"]["sectionkey"]);

        $groupsonly = $this->call("get_state", ["courseid" => $this->course->id, "kinds" => ["group"]]);
        $this->assertSame(["g"], array_column($groupsonly["items"], "key"));
    }

    /**
     * A student may not read the state.
     */
    public function test_requires_view(): void {
        $this->setUser($this->student1);
        $this->expectException(\required_capability_exception::class);
        $this->call("get_state", ["courseid" => $this->course->id]);
    }
}
