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
require_once($CFG->dirroot . '/calendar/lib.php');

/**
 * Course and group calendar events managed by key.
 *
 * @package    local_thesisdesk
 * @copyright  2026 ThesisDesk
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class events {
    /**
     * Create, update or delete events.
     *
     * @param \stdClass $course the course
     * @param array $items items as validated by the external function
     * @return array results in the order of the items
     */
    public static function sync(\stdClass $course, array $items): array {
        $batch = new batch();
        $results = [];
        foreach ($items as $item) {
            $results[] = $batch->run($item['key'], fn() => self::sync_one($course, $item));
        }
        return $results;
    }

    /**
     * Create, update or delete one event.
     *
     * @param \stdClass $course the course
     * @param array $item requested values
     * @return array result fields
     */
    private static function sync_one(\stdClass $course, array $item): array {
        global $DB, $USER;

        $mapping = items::get_of_kind($course->id, $item['key'], 'event');
        $existing = $mapping ? $DB->get_record('event', ['id' => $mapping->moodleid, 'courseid' => $course->id]) : false;

        if (!empty($item['delete'])) {
            if ($existing) {
                \calendar_event::load($existing->id)->delete();
            }
            if ($mapping) {
                items::delete($course->id, $item['key']);
            }
            return $existing ? ['eventid' => (int) $existing->id, 'status' => 'deleted'] : ['status' => 'unchanged'];
        }

        if (!in_array($item['eventtype'], ['course', 'group'], true)) {
            throw new item_exception('invalideventtype', s($item['eventtype']));
        }
        $groupid = 0;
        if ($item['eventtype'] === 'group') {
            $restriction = restriction::requested($course->id, array_intersect_key($item, ['groupkey' => 1, 'groupid' => 1]));
            if (!$restriction || !$restriction['groupid']) {
                throw new item_exception('unknowngroupkey', '', 'eventgroupmissing');
            }
            $groupid = $restriction['groupid'];
        }
        if ($item['timeduration'] < 0) {
            throw new item_exception('invalidduration');
        }

        $wanted = [
            'name' => $item['name'],
            'timestart' => (int) $item['timestart'],
            'timeduration' => (int) $item['timeduration'],
            'eventtype' => $item['eventtype'],
            'groupid' => $groupid,
        ];
        if (isset($item['description'])) {
            $wanted['description'] = $item['description'];
            $wanted['format'] = FORMAT_HTML;
        }
        if (isset($item['visible'])) {
            $wanted['visible'] = (int) $item['visible'];
        }

        if (!$existing) {
            $data = (object) ($wanted + [
                'description' => '',
                'format' => FORMAT_HTML,
                'courseid' => $course->id,
                'userid' => $USER->id,
                'modulename' => '',
                'instance' => 0,
                'visible' => 1,
            ]);
            $event = \calendar_event::create($data, false);
            items::save($course->id, $item['key'], 'event', $event->id, 0, $item['fingerprint'] ?? null);
            return ['eventid' => (int) $event->id, 'status' => 'created'];
        }

        $changes = [];
        foreach ($wanted as $field => $value) {
            if ((string) $existing->$field !== (string) $value) {
                $changes[$field] = $value;
            }
        }
        if ($changes) {
            $event = \calendar_event::load($existing->id);
            $event->update((object) (['id' => $existing->id, 'courseid' => $course->id] + $changes), false);
        }
        $changed = (bool) $changes;
        if ($changed || items::fingerprint_changed($mapping, $item['fingerprint'] ?? null)) {
            items::save($course->id, $item['key'], 'event', $existing->id, 0, $item['fingerprint'] ?? null);
            $changed = true;
        }
        return ['eventid' => (int) $existing->id, 'status' => $changed ? 'updated' : 'unchanged'];
    }
}
