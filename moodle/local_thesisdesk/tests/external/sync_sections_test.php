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
 * Tests of local_thesisdesk_sync_sections.
 *
 * @package    local_thesisdesk
 * @category   test
 * @copyright  2026 ThesisDesk
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 * @covers     \local_thesisdesk\external\sync_sections
 */
final class sync_sections_test extends thesisdesk_testcase {
    /**
     * Sections are created past the 52-section limit, and a second call changes nothing.
     */
    public function test_creates_many_sections_and_is_idempotent(): void {
        $sections = [];
        for ($i = 1; $i <= 60; $i++) {
            $sections[] = ["key" => "thesis:$i/section", "name" => "Thesis $i", "summary" => "<p>Subject $i</p>"];
        }
        $first = $this->call("sync_sections", ["courseid" => $this->course->id, "sections" => $sections]);
        $this->assertCount(60, $first["sections"]);
        $this->assertSame(["created"], array_values(array_unique(array_column($first["sections"], "status"))));
        $this->assertGreaterThan(52, max(array_column($first["sections"], "sectionnum")));

        $second = $this->call("sync_sections", ["courseid" => $this->course->id, "sections" => $sections]);
        $this->assertSame(["unchanged"], array_values(array_unique(array_column($second["sections"], "status"))));
        $this->assertSame(array_column($first["sections"], "sectionid"), array_column($second["sections"], "sectionid"));
        $section = get_fast_modinfo($this->course->id)->get_section_info_by_id($first["sections"][59]["sectionid"]);
        $this->assertSame("Thesis 60", $section->name);
    }

    /**
     * A section restricted to a group by key, hidden, placed after another one.
     */
    public function test_restriction_visibility_and_position(): void {
        $group = $this->thesisdesk()->create_group(["courseid" => $this->course->id, "key" => "g1",
            "members" => [$this->student1->id]]);
        $result = $this->call("sync_sections", ["courseid" => $this->course->id, "sections" => [
            ["key" => "a", "name" => "A"],
            ["key" => "b", "name" => "B", "visible" => false, "groupkey" => "g1", "afterkey" => ""],
        ]]);
        $this->assertSame(1, $result["sections"][1]["sectionnum"]);
        $record = $GLOBALS["DB"]->get_record("course_sections", ["id" => $result["sections"][1]["sectionid"]]);
        $this->assertEquals(0, $record->visible);
        $this->assertSame($group["groupid"], \local_thesisdesk\local\restriction::from_json($record->availability)["groupid"]);

        // An unknown group key fails that item only.
        $result = $this->call("sync_sections", ["courseid" => $this->course->id, "sections" => [
            ["key" => "c", "name" => "C", "groupkey" => "nope"],
            ["key" => "d", "name" => "D"],
        ]]);
        $this->assertSame("error", $result["sections"][0]["status"]);
        $this->assertSame("unknowngroupkey", $result["sections"][0]["errorcode"]);
        $this->assertSame("created", $result["sections"][1]["status"]);
    }

    /**
     * A student may not call it.
     */
    public function test_requires_manage_capability(): void {
        $this->setUser($this->student1);
        $this->expectException(\required_capability_exception::class);
        $this->call("sync_sections", ["courseid" => $this->course->id, "sections" => [["key" => "x", "name" => "X"]]]);
    }
}
