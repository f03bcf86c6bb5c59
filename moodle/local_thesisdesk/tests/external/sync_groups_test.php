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
 * Tests of local_thesisdesk_sync_groups.
 *
 * @package    local_thesisdesk
 * @category   test
 * @copyright  2026 ThesisDesk
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 * @covers     \local_thesisdesk\external\sync_groups
 */
final class sync_groups_test extends thesisdesk_testcase {
    /**
     * Members not listed are removed; unknown members fail the item.
     */
    public function test_members_follow_the_list(): void {
        $created = $this->call("sync_groups", ["courseid" => $this->course->id, "groups" => [
            ["key" => "g", "name" => "Thesis 1", "members" => [$this->student1->id, $this->teacher->id]],
        ]]);
        $this->assertSame("created", $created["groups"][0]["status"]);
        $this->assertSame(2, $created["groups"][0]["added"]);

        $updated = $this->call("sync_groups", ["courseid" => $this->course->id, "groups" => [
            ["key" => "g", "name" => "Thesis 1", "members" => [$this->student2->id]],
        ]]);
        $this->assertSame(1, $updated["groups"][0]["added"]);
        $this->assertSame(2, $updated["groups"][0]["removed"]);
        $this->assertEquals([$this->student2->id], array_keys(groups_get_members($created["groups"][0]["groupid"], "u.id")));

        $outsider = $this->getDataGenerator()->create_user();
        $failed = $this->call("sync_groups", ["courseid" => $this->course->id, "groups" => [
            ["key" => "h", "name" => "Thesis 2", "members" => [$outsider->id]],
        ]]);
        $this->assertSame("usernotenrolled", $failed["groups"][0]["errorcode"]);
        $this->assertFalse(groups_get_group_by_name($this->course->id, "Thesis 2"));
    }
}
