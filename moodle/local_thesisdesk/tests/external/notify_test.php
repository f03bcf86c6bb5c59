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
 * Tests of local_thesisdesk_notify.
 *
 * @package    local_thesisdesk
 * @category   test
 * @copyright  2026 ThesisDesk
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 * @covers     \local_thesisdesk\external\notify
 */
final class notify_test extends thesisdesk_testcase {
    /**
     * A notification is sent once per key and recipient.
     */
    public function test_sent_once(): void {
        $this->preventResetByRollback();
        $sink = $this->redirectMessages();
        $item = ["key" => "reminder:1", "userid" => $this->student1->id, "courseid" => $this->course->id,
            "subject" => "Deposit due", "fullmessagehtml" => "<p>Due soon</p>", "fullmessage" => "Due soon"];
        $first = $this->call("notify", ["notifications" => [$item]]);
        $this->assertSame("created", $first["notifications"][0]["status"]);
        $second = $this->call("notify", ["notifications" => [$item]]);
        $this->assertSame("unchanged", $second["notifications"][0]["status"]);
        $this->assertSame($first["notifications"][0]["messageid"], $second["notifications"][0]["messageid"]);
        $this->assertCount(1, $sink->get_messages());
        $this->assertSame("local_thesisdesk", $sink->get_messages()[0]->component);
    }
}
