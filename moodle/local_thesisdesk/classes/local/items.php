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
 * The mapping table: ThesisDesk's keys and the Moodle objects they stand for.
 *
 * @package    local_thesisdesk
 * @copyright  2026 ThesisDesk
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class items {
    /** @var string the mapping table */
    const TABLE = 'local_thesisdesk_items';

    /** @var string[] kinds stored in the mapping table (subjects have their own table) */
    const KINDS = ['section', 'assignment', 'group', 'event', 'resource', 'folder'];

    /**
     * The mapping of a key in a course, or null.
     *
     * @param int $courseid course id
     * @param string $key ThesisDesk's key
     * @return \stdClass|null
     */
    public static function get(int $courseid, string $key): ?\stdClass {
        global $DB;
        $record = $DB->get_record(self::TABLE, ['courseid' => $courseid, 'itemkey' => $key]);
        return $record ?: null;
    }

    /**
     * The mapping of a key that must be of one kind (or null when the key is unknown).
     *
     * @param int $courseid course id
     * @param string $key ThesisDesk's key
     * @param string $kind expected kind
     * @return \stdClass|null
     * @throws item_exception when the key belongs to an item of another kind
     */
    public static function get_of_kind(int $courseid, string $key, string $kind): ?\stdClass {
        $record = self::get($courseid, $key);
        if ($record && $record->kind !== $kind) {
            throw new item_exception('invalidkey', (object) ['key' => s($key), 'kind' => $record->kind], 'invalidkey_kind');
        }
        return $record;
    }

    /**
     * The mappings of some keys in a course, in one query.
     *
     * @param int $courseid course id
     * @param string[] $keys ThesisDesk's keys
     * @return array by key: the mapping, or null for a key that is not known
     */
    public static function many(int $courseid, array $keys): array {
        global $DB;
        $keys = array_values(array_unique(array_map('strval', $keys)));
        $result = array_fill_keys($keys, null);
        foreach (array_chunk($keys, 1000) as $chunk) {
            [$insql, $params] = $DB->get_in_or_equal($chunk, SQL_PARAMS_NAMED, 'key');
            $records = $DB->get_records_select(self::TABLE, "courseid = :courseid AND itemkey $insql",
                $params + ['courseid' => $courseid]);
            foreach ($records as $record) {
                $result[$record->itemkey] = $record;
            }
        }
        return $result;
    }

    /**
     * Every mapping of a course, optionally of some kinds only, by key.
     *
     * @param int $courseid course id
     * @param string[]|null $kinds kinds, or null for all
     * @return \stdClass[] keyed by item key
     */
    public static function all(int $courseid, ?array $kinds = null): array {
        global $DB;
        $params = ['courseid' => $courseid];
        $select = 'courseid = :courseid';
        if ($kinds !== null) {
            if (!$kinds) {
                return [];
            }
            [$insql, $inparams] = $DB->get_in_or_equal($kinds, SQL_PARAMS_NAMED, 'kind');
            $select .= " AND kind $insql";
            $params += $inparams;
        }
        $result = [];
        foreach ($DB->get_records_select(self::TABLE, $select, $params, 'id') as $record) {
            $result[$record->itemkey] = $record;
        }
        return $result;
    }

    /**
     * Create or update the mapping of a key.
     *
     * @param int $courseid course id
     * @param string $key ThesisDesk's key
     * @param string $kind item kind
     * @param int $moodleid Moodle id of the object
     * @param int $instanceid module instance id (activities), else 0
     * @param string|null $fingerprint fingerprint given by ThesisDesk; null keeps the stored one
     * @param \stdClass|null $record the current mapping when the caller already read it
     * @return \stdClass the mapping
     */
    public static function save(int $courseid, string $key, string $kind, int $moodleid, int $instanceid = 0,
            ?string $fingerprint = null, ?\stdClass $record = null): \stdClass {
        global $DB;
        $now = time();
        $record = $record ?? self::get($courseid, $key);
        if (!$record) {
            $record = (object) [
                'courseid' => $courseid,
                'itemkey' => $key,
                'kind' => $kind,
                'moodleid' => $moodleid,
                'instanceid' => $instanceid,
                'fingerprint' => $fingerprint,
                'timecreated' => $now,
                'timemodified' => $now,
            ];
            $record->id = $DB->insert_record(self::TABLE, $record);
            return $record;
        }
        $record->kind = $kind;
        $record->moodleid = $moodleid;
        $record->instanceid = $instanceid;
        if ($fingerprint !== null) {
            $record->fingerprint = $fingerprint;
        }
        $record->timemodified = $now;
        $DB->update_record(self::TABLE, $record);
        return $record;
    }

    /**
     * Whether the given fingerprint differs from the stored one (null: not given, no difference).
     *
     * @param \stdClass|null $record mapping
     * @param string|null $fingerprint fingerprint given by ThesisDesk
     * @return bool
     */
    public static function fingerprint_changed(?\stdClass $record, ?string $fingerprint): bool {
        return $fingerprint !== null && (!$record || (string) $record->fingerprint !== $fingerprint);
    }

    /**
     * Forget a key.
     *
     * @param int $courseid course id
     * @param string $key ThesisDesk's key
     */
    public static function delete(int $courseid, string $key): void {
        global $DB;
        $DB->delete_records(self::TABLE, ['courseid' => $courseid, 'itemkey' => $key]);
    }

    /**
     * Forget every key of a course (the course was deleted).
     *
     * @param int $courseid course id
     */
    public static function delete_course(int $courseid): void {
        global $DB;
        $DB->delete_records(self::TABLE, ['courseid' => $courseid]);
        $DB->delete_records('local_thesisdesk_subjects', ['courseid' => $courseid]);
    }
}
