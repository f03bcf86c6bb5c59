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
 * Tests of local_thesisdesk_publish_files.
 *
 * @package    local_thesisdesk
 * @category   test
 * @copyright  2026 ThesisDesk
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 * @covers     \local_thesisdesk\external\publish_files
 */
final class publish_files_test extends thesisdesk_testcase {
    /**
     * A resource from a draft area; replacing its file keeps the same course module.
     */
    public function test_publish_and_replace(): void {
        $draft = $this->draft("guide.pdf", "first");
        $created = $this->call("publish_files", ["courseid" => $this->course->id, "items" => [
            ["key" => "guide", "type" => "resource", "name" => "Guide", "draftitemid" => $draft],
        ]]);
        $this->assertSame("created", $created["items"][0]["status"]);
        $this->assertSame(1, $created["items"][0]["files"]);

        $same = $this->call("publish_files", ["courseid" => $this->course->id, "items" => [
            ["key" => "guide", "type" => "resource", "name" => "Guide", "draftitemid" => $draft],
        ]]);
        $this->assertSame("unchanged", $same["items"][0]["status"]);

        $newdraft = $this->draft("guide.pdf", "second");
        $replaced = $this->call("publish_files", ["courseid" => $this->course->id, "items" => [
            ["key" => "guide", "type" => "resource", "name" => "Guide", "draftitemid" => $newdraft],
        ]]);
        $this->assertSame("updated", $replaced["items"][0]["status"]);
        $this->assertSame($created["items"][0]["cmid"], $replaced["items"][0]["cmid"]);
        $context = \context_module::instance($created["items"][0]["cmid"]);
        $files = get_file_storage()->get_area_files($context->id, "mod_resource", "content", 0, "id", false);
        $this->assertSame("second", reset($files)->get_content());
    }

    /**
     * A draft area of the current user holding one file.
     *
     * @param string $filename file name
     * @param string $content file content
     * @return int draft item id
     */
    private function draft(string $filename, string $content): int {
        global $USER;
        $draftid = file_get_unused_draft_itemid();
        get_file_storage()->create_file_from_string(["contextid" => \context_user::instance($USER->id)->id,
            "component" => "user", "filearea" => "draft", "itemid" => $draftid, "filepath" => "/",
            "filename" => $filename], $content);
        return $draftid;
    }
}
