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
 * Tests of local_thesisdesk_sync_events.
 *
 * @package    local_thesisdesk
 * @category   test
 * @copyright  2026 ThesisDesk
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 * @covers     \local_thesisdesk\external\sync_events
 */
final class sync_events_test extends thesisdesk_testcase {
    /**
     * Course and group events: create, update, delete by key.
     */
    public function test_create_update_delete(): void {
        global $DB;
        $this->thesisdesk()->create_group(["courseid" => $this->course->id, "key" => "g"]);
        $start = time() + WEEKSECS;
        $created = $this->call("sync_events", ["courseid" => $this->course->id, "events" => [
            ["key" => "e1", "name" => "Plan due", "timestart" => $start],
            ["key" => "e2", "name" => "Defense", "timestart" => $start, "eventtype" => "group", "groupkey" => "g"],
        ]]);
        $this->assertSame(["created", "created"], array_column($created["events"], "status"));
        $this->assertSame("group", $DB->get_field("event", "eventtype", ["id" => $created["events"][1]["eventid"]]));

        $moved = $this->call("sync_events", ["courseid" => $this->course->id, "events" => [
            ["key" => "e1", "name" => "Plan due", "timestart" => $start + HOURSECS],
        ]]);
        $this->assertSame("updated", $moved["events"][0]["status"]);
        $this->assertEquals($start + HOURSECS, $DB->get_field("event", "timestart", ["id" => $created["events"][0]["eventid"]]));

        $deleted = $this->call("sync_events", ["courseid" => $this->course->id, "events" => [
            ["key" => "e1", "name" => "Plan due", "timestart" => $start, "delete" => true],
        ]]);
        $this->assertSame("deleted", $deleted["events"][0]["status"]);
        $this->assertFalse($DB->record_exists("event", ["id" => $created["events"][0]["eventid"]]));
    }
}
