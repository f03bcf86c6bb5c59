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
require_once($CFG->dirroot . '/group/lib.php');
require_once($CFG->dirroot . '/calendar/lib.php');

/**
 * Operations on any managed item by key: show or hide, delete.
 *
 * @package    local_thesisdesk
 * @copyright  2026 ThesisDesk
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class managed {
    /** @var string[] kinds that are course modules */
    const MODULES = ['assignment' => 'assign', 'resource' => 'resource', 'folder' => 'folder'];

    /**
     * Show or hide items.
     *
     * @param \stdClass $course the course
     * @param array $items [key, visible]
     * @return array results in the order of the items
     */
    public static function set_visibility(\stdClass $course, array $items): array {
        $batch = new batch();
        $results = [];
        $rebuild = false;
        foreach ($items as $item) {
            $results[] = $batch->run($item['key'], function () use ($course, $item, &$rebuild) {
                return self::set_visibility_one($course, $item['key'], (bool) $item['visible'], $rebuild);
            });
        }
        if ($rebuild) {
            rebuild_course_cache($course->id, true);
        }
        return $results;
    }

    /**
     * Show or hide one item.
     *
     * @param \stdClass $course the course
     * @param string $key the item's key
     * @param bool $visible shown or hidden
     * @param bool $rebuild set when the course cache must be rebuilt at the end of the batch
     * @return array result fields
     */
    private static function set_visibility_one(\stdClass $course, string $key, bool $visible, bool &$rebuild): array {
        global $DB;

        $mapping = items::get($course->id, $key);
        if (!$mapping) {
            throw new item_exception('unknownkey', s($key));
        }
        if ($mapping->kind === 'section') {
            $section = sections::mapped_section($course->id, $mapping);
            if (!$section) {
                throw new item_exception('deleted', s($key));
            }
            if ((bool) $section->visible === $visible) {
                return ['status' => 'unchanged'];
            }
            course_update_section($course, $section, ['visible' => (int) $visible]);
        } else if (isset(self::MODULES[$mapping->kind])) {
            $cm = get_coursemodule_from_id(self::MODULES[$mapping->kind], $mapping->moodleid, $course->id);
            if (!$cm) {
                throw new item_exception('deleted', s($key));
            }
            if ((bool) $cm->visible === $visible) {
                return ['status' => 'unchanged'];
            }
            set_coursemodule_visible($cm->id, (int) $visible, (int) $visible, false);
            \core\event\course_module_updated::create_from_cm($cm)->trigger();
            $rebuild = true;
        } else if ($mapping->kind === 'event') {
            $event = $DB->get_record('event', ['id' => $mapping->moodleid]);
            if (!$event) {
                throw new item_exception('deleted', s($key));
            }
            if ((bool) $event->visible === $visible) {
                return ['status' => 'unchanged'];
            }
            \calendar_event::load($event->id)->toggle_visibility($visible);
        } else {
            throw new item_exception('notapplicable', $mapping->kind);
        }
        items::save($course->id, $key, $mapping->kind, $mapping->moodleid, $mapping->instanceid);
        return ['status' => 'updated'];
    }

    /**
     * Delete items with their Moodle objects. A key that is not known is an item error
     * (unknownkey); an item whose Moodle object was already deleted by hand is forgotten.
     *
     * @param \stdClass $course the course
     * @param string[] $keys keys
     * @return array results in the order of the keys
     */
    public static function delete(\stdClass $course, array $keys): array {
        $batch = new batch();
        $results = [];
        foreach ($keys as $key) {
            $results[] = $batch->run($key, fn() => self::delete_one($course, $key));
        }
        return $results;
    }

    /**
     * Delete one item.
     *
     * @param \stdClass $course the course
     * @param string $key the item's key
     * @return array result fields
     */
    private static function delete_one(\stdClass $course, string $key): array {
        global $DB;

        $mapping = items::get($course->id, $key);
        if (!$mapping) {
            $subject = $DB->get_record(subjects::TABLE, ['courseid' => $course->id, 'itemkey' => $key]);
            if ($subject) {
                $DB->delete_records(subjects::TABLE, ['id' => $subject->id]);
                return ['status' => 'deleted'];
            }
            throw new item_exception('unknownkey', s($key));
        }
        if ($mapping->kind === 'section') {
            $section = sections::mapped_section($course->id, $mapping);
            if ($section) {
                // The activities ThesisDesk placed in the section go with it: forget their keys too.
                $cmids = $section->sequence === '' ? [] : array_map('intval', explode(',', $section->sequence));
                course_delete_section($course, $section, true, false);
                foreach (items::all($course->id, array_keys(self::MODULES)) as $other) {
                    if (in_array((int) $other->moodleid, $cmids, true)) {
                        items::delete($course->id, $other->itemkey);
                    }
                }
            }
        } else if (isset(self::MODULES[$mapping->kind])) {
            if ($DB->record_exists('course_modules', ['id' => $mapping->moodleid, 'course' => $course->id])) {
                course_delete_module($mapping->moodleid);
            }
        } else if ($mapping->kind === 'group') {
            if ($DB->record_exists('groups', ['id' => $mapping->moodleid, 'courseid' => $course->id])) {
                groups_delete_group($mapping->moodleid);
            }
        } else if ($mapping->kind === 'event') {
            if ($DB->record_exists('event', ['id' => $mapping->moodleid])) {
                \calendar_event::load($mapping->moodleid)->delete();
            }
        }
        items::delete($course->id, $key);
        return ['status' => 'deleted'];
    }
}
