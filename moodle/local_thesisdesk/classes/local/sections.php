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

namespace local_thesisdesk\local;

defined('MOODLE_INTERNAL') || die();

global $CFG;
require_once($CFG->dirroot . '/course/lib.php');

/**
 * Course sections managed by key: create, rename, summary, visibility, position, restriction.
 *
 * New sections are created with course_create_section(), which has no 52-section limit.
 * The batch runs in two passes: first every missing section is created (each creation only
 * clears the course cache), then each section is updated (the first update rebuilds the
 * course cache, the following ones rebuild only the section they change), so a batch does
 * not rebuild the whole course cache once per new section.
 *
 * @package    local_thesisdesk
 * @copyright  2026 ThesisDesk
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class sections {
    /**
     * Create or update sections.
     *
     * @param \stdClass $course the course
     * @param array $sections items as validated by the external function
     * @return array results in the order of the items
     */
    public static function sync(\stdClass $course, array $sections): array {
        global $DB;

        $results = [];
        $sectionbykey = [];
        $created = [];

        // Pass 1: validate each item and create the sections that are missing.
        $batch = new batch();
        foreach ($sections as $index => $item) {
            $results[$index] = $batch->run($item['key'], function () use ($course, $item, &$sectionbykey, &$created) {
                restriction::requested($course->id, $item);
                $mapping = items::get_of_kind($course->id, $item['key'], 'section');
                $section = self::mapped_section($course->id, $mapping);
                if (!$section) {
                    $section = course_create_section($course);
                    items::save($course->id, $item['key'], 'section', $section->id, 0, $item['fingerprint'] ?? null);
                    $created[$item['key']] = true;
                }
                $sectionbykey[$item['key']] = $section->id;
                return ['status' => 'pending'];
            });
        }

        // Pass 2: names, summaries, visibility, restrictions, positions.
        foreach ($sections as $index => $item) {
            if ($results[$index]['status'] !== 'pending') {
                continue;
            }
            $results[$index] = (new batch())->run($item['key'], function () use ($course, $item, $sectionbykey, $created) {
                return self::update_one($course, $item, $sectionbykey[$item['key']], isset($created[$item['key']]));
            });
        }
        return array_values($results);
    }

    /**
     * The section a mapping points to, if it still exists in the course.
     *
     * @param int $courseid course id
     * @param \stdClass|null $mapping mapping record
     * @return \stdClass|null the course_sections record
     */
    public static function mapped_section(int $courseid, ?\stdClass $mapping): ?\stdClass {
        global $DB;
        if (!$mapping) {
            return null;
        }
        return $DB->get_record('course_sections', ['id' => $mapping->moodleid, 'course' => $courseid]) ?: null;
    }

    /**
     * Bring one section to the requested values.
     *
     * @param \stdClass $course the course
     * @param array $item the requested values
     * @param int $sectionid the section's id
     * @param bool $created whether pass 1 created it
     * @return array result fields
     */
    private static function update_one(\stdClass $course, array $item, int $sectionid, bool $created): array {
        global $DB;

        $section = $DB->get_record('course_sections', ['id' => $sectionid], '*', MUST_EXIST);
        $mapping = items::get($course->id, $item['key']);
        $changed = false;

        $data = [];
        if ((string) $section->name !== $item['name']) {
            $data['name'] = $item['name'];
        }
        if (isset($item['summary'])) {
            $format = (int) ($item['summaryformat'] ?? FORMAT_HTML);
            if ((string) $section->summary !== $item['summary'] || (int) $section->summaryformat !== $format) {
                $data['summary'] = $item['summary'];
                $data['summaryformat'] = $format;
            }
        }
        if (isset($item['visible']) && (bool) $section->visible !== (bool) $item['visible']) {
            $data['visible'] = (int) $item['visible'];
        }
        $restriction = restriction::requested($course->id, $item);
        if ($restriction !== null && !restriction::matches($section->availability, $restriction)) {
            $data['availability'] = restriction::to_json($restriction);
        }
        if ($data) {
            course_update_section($course, $section, $data);
            $changed = true;
        }

        if (array_key_exists('afterkey', $item) && $item['afterkey'] !== null) {
            $changed = self::place_after($course, $section, $item['afterkey']) || $changed;
        }

        if (items::fingerprint_changed($mapping, $item['fingerprint'] ?? null) || $changed || $created) {
            items::save($course->id, $item['key'], 'section', $section->id, 0, $item['fingerprint'] ?? null);
            $changed = true;
        }
        $sectionnum = (int) $DB->get_field('course_sections', 'section', ['id' => $section->id]);
        return [
            'sectionid' => (int) $section->id,
            'sectionnum' => $sectionnum,
            'status' => $created ? 'created' : ($changed ? 'updated' : 'unchanged'),
        ];
    }

    /**
     * Move a section right after the section with a key ('' = right after section 0).
     *
     * @param \stdClass $course the course
     * @param \stdClass $section the section to place
     * @param string $afterkey key of the section it follows
     * @return bool whether the section moved
     */
    private static function place_after(\stdClass $course, \stdClass $section, string $afterkey): bool {
        global $DB;

        if ($afterkey === '') {
            $afternum = 0;
        } else {
            $after = self::mapped_section($course->id, items::get_of_kind($course->id, $afterkey, 'section'));
            if (!$after) {
                throw new item_exception('unknownsectionkey', s($afterkey), 'unknownsectionkey_after');
            }
            if ((int) $after->id === (int) $section->id) {
                throw new item_exception('unknownsectionkey', s($afterkey), 'unknownsectionkey_after');
            }
            $afternum = (int) $after->section;
        }
        $current = (int) $DB->get_field('course_sections', 'section', ['id' => $section->id]);
        // Moving down frees the current place, so the target number is one less.
        $destination = $current < $afternum ? $afternum : $afternum + 1;
        if ($destination === $current) {
            return false;
        }
        $course = $DB->get_record('course', ['id' => $course->id], '*', MUST_EXIST);
        if (!move_section_to($course, $current, $destination, true)) {
            throw new item_exception('cannotmovesection', s($afterkey));
        }
        return true;
    }
}
