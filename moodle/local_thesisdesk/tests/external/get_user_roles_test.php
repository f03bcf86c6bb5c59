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
 * Tests of local_thesisdesk_get_user_roles.
 *
 * @package    local_thesisdesk
 * @category   test
 * @copyright  2026 ThesisDesk
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 * @covers     \local_thesisdesk\external\get_user_roles
 */
final class get_user_roles_test extends thesisdesk_testcase {
    /**
     * Anyone sees their own roles; the roles of another user need moodle/role:review.
     */
    public function test_own_and_others_roles(): void {
        $this->setUser($this->student1);
        $own = $this->call("get_user_roles", []);
        $this->assertEquals($this->student1->id, $own["userid"]);
        $this->assertSame(["student"], $own["courses"][0]["roles"]);
        $this->assertFalse($own["courses"][0]["canmanage"]);

        $other = $this->call("get_user_roles", ["userid" => $this->teacher->id, "courseids" => [$this->course->id]]);
        $this->assertSame([], $other["courses"]);
        $this->assertSame("nopermissions", $other["warnings"][0]["warningcode"]);

        $this->setUser($this->teacher);
        $teacher = $this->call("get_user_roles", ["userid" => 0, "courseids" => [$this->course->id]]);
        $this->assertSame(["editingteacher"], $teacher["courses"][0]["roles"]);
        $this->assertTrue($teacher["courses"][0]["canmanage"]);
    }
}
