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
 * Tests of local_thesisdesk_sync_assignments.
 *
 * @package    local_thesisdesk
 * @category   test
 * @copyright  2026 ThesisDesk
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 * @covers     \local_thesisdesk\external\sync_assignments
 */
final class sync_assignments_test extends thesisdesk_testcase {
    /**
     * Create, then update the name: file submissions stay on, ids stay the same.
     */
    public function test_update_keeps_file_submissions(): void {
        $this->thesisdesk()->create_section(["courseid" => $this->course->id, "key" => "s1"]);
        $item = ["key" => "dep1", "sectionkey" => "s1", "name" => "Deposit", "duedate" => time() + WEEKSECS,
            "maxfiles" => 3, "filetypes" => ".pdf"];
        $created = $this->call("sync_assignments", ["courseid" => $this->course->id, "assignments" => [$item]]);
        $this->assertSame("created", $created["assignments"][0]["status"]);

        $item["name"] = "Final deposit";
        $updated = $this->call("sync_assignments", ["courseid" => $this->course->id, "assignments" => [$item]]);
        $this->assertSame("updated", $updated["assignments"][0]["status"]);
        $this->assertSame($created["assignments"][0]["cmid"], $updated["assignments"][0]["cmid"]);

        $settings = \local_thesisdesk\local\assignments::file_settings($created["assignments"][0]["assignid"]);
        $this->assertTrue($settings["enabled"]);
        $this->assertSame(3, $settings["maxfiles"]);
        $this->assertSame(".pdf", $settings["filetypes"]);

        $again = $this->call("sync_assignments", ["courseid" => $this->course->id, "assignments" => [$item]]);
        $this->assertSame("unchanged", $again["assignments"][0]["status"]);
    }

    /**
     * Moving the due date updates the assignment and its calendar event.
     */
    public function test_moving_dates_updates_calendar(): void {
        global $DB;
        $this->thesisdesk()->create_section(["courseid" => $this->course->id, "key" => "s1"]);
        $due = time() + WEEKSECS;
        $created = $this->thesisdesk()->create_assignment(["courseid" => $this->course->id, "key" => "dep",
            "sectionkey" => "s1", "duedate" => $due]);
        $result = $this->call("sync_assignments", ["courseid" => $this->course->id, "assignments" => [
            ["key" => "dep", "sectionkey" => "s1", "name" => "Deposit dep", "duedate" => $due + DAYSECS],
        ]]);
        $this->assertSame("updated", $result["assignments"][0]["status"]);
        $this->assertEquals($due + DAYSECS, $DB->get_field("assign", "duedate", ["id" => $created["assignid"]]));
        $event = $DB->get_record("event", ["modulename" => "assign", "instance" => $created["assignid"], "eventtype" => "due"]);
        $this->assertEquals($due + DAYSECS, $event->timestart);
        $this->assertTrue(\local_thesisdesk\local\assignments::file_settings($created["assignid"])["enabled"]);
    }

    /**
     * An unknown section key fails that item only.
     */
    public function test_unknown_section_is_an_item_error(): void {
        $this->thesisdesk()->create_section(["courseid" => $this->course->id, "key" => "s1"]);
        $result = $this->call("sync_assignments", ["courseid" => $this->course->id, "assignments" => [
            ["key" => "a", "sectionkey" => "missing", "name" => "A"],
            ["key" => "b", "sectionkey" => "s1", "name" => "B"],
        ]]);
        $this->assertSame("unknownsectionkey", $result["assignments"][0]["errorcode"]);
        $this->assertSame("created", $result["assignments"][1]["status"]);
    }
}
