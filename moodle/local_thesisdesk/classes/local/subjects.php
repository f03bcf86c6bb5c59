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

/**
 * The published subject catalogue of a course, stored in the plugin's own table.
 *
 * @package    local_thesisdesk
 * @copyright  2026 ThesisDesk
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class subjects {
    /** @var string the subjects table */
    const TABLE = 'local_thesisdesk_subjects';

    /** @var string[] the fields ThesisDesk sets */
    const FIELDS = ['title', 'description', 'supervisors', 'keywords', 'placesleft', 'sortorder'];

    /**
     * Store subjects; with $replace, remove the course's subjects not listed.
     *
     * @param \stdClass $course the course
     * @param array $items subjects as validated by the external function
     * @param bool $replace remove the subjects not listed
     * @return array [results, number removed]
     */
    public static function sync(\stdClass $course, array $items, bool $replace): array {
        global $DB;

        $batch = new batch();
        $results = [];
        foreach ($items as $item) {
            $results[] = $batch->run($item['key'], fn() => self::sync_one($course, $item));
        }
        $removed = 0;
        if ($replace) {
            $listed = array_column($items, 'key');
            foreach ($DB->get_records(self::TABLE, ['courseid' => $course->id], '', 'id, itemkey') as $record) {
                if (!in_array($record->itemkey, $listed, true)) {
                    $DB->delete_records(self::TABLE, ['id' => $record->id]);
                    $removed++;
                }
            }
        }
        return [$results, $removed];
    }

    /**
     * Store one subject.
     *
     * @param \stdClass $course the course
     * @param array $item requested values
     * @return array result fields
     */
    private static function sync_one(\stdClass $course, array $item): array {
        global $DB;

        $now = time();
        $record = $DB->get_record(self::TABLE, ['courseid' => $course->id, 'itemkey' => $item['key']]);
        if (!$record) {
            $record = (object) [
                'courseid' => $course->id,
                'itemkey' => $item['key'],
                'descriptionformat' => FORMAT_HTML,
                'fingerprint' => $item['fingerprint'] ?? null,
                'timecreated' => $now,
                'timemodified' => $now,
            ];
            foreach (self::FIELDS as $field) {
                $record->$field = $item[$field];
            }
            $record->id = $DB->insert_record(self::TABLE, $record);
            return ['subjectid' => (int) $record->id, 'status' => 'created'];
        }
        $changed = false;
        foreach (self::FIELDS as $field) {
            if ((string) $record->$field !== (string) $item[$field]) {
                $record->$field = $item[$field];
                $changed = true;
            }
        }
        if (isset($item['fingerprint']) && (string) $record->fingerprint !== $item['fingerprint']) {
            $record->fingerprint = $item['fingerprint'];
            $changed = true;
        }
        if ($changed) {
            $record->timemodified = $now;
            $DB->update_record(self::TABLE, $record);
        }
        return ['subjectid' => (int) $record->id, 'status' => $changed ? 'updated' : 'unchanged'];
    }
}
