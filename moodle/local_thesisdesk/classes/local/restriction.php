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
 * Access restrictions to one group or one grouping, in Moodle's availability JSON.
 *
 * @package    local_thesisdesk
 * @copyright  2026 ThesisDesk
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class restriction {
    /**
     * The restriction an item asks for, or null when it does not mention one.
     *
     * @param int $courseid course id
     * @param array $item the item's parameters (groupkey, groupid, groupingid)
     * @param array|null $mappings mappings already read (items::many()), by key
     * @param array|null $groupids ids (as keys) of the course's groups those mappings point to
     * @return array|null ['groupid' => int, 'groupingid' => int] (0 = none)
     */
    public static function requested(int $courseid, array $item, ?array $mappings = null, ?array $groupids = null): ?array {
        global $DB;
        if (isset($item['groupkey'])) {
            if ($item['groupkey'] === '') {
                return ['groupid' => 0, 'groupingid' => 0];
            }
            $known = $mappings !== null && $groupids !== null && array_key_exists($item['groupkey'], $mappings);
            if ($known) {
                $mapping = $mappings[$item['groupkey']];
                if ($mapping && $mapping->kind !== 'group') {
                    throw new item_exception('invalidkey', (object) ['key' => s($item['groupkey']), 'kind' => $mapping->kind],
                        'invalidkey_kind');
                }
                $exists = $mapping && isset($groupids[(int) $mapping->moodleid]);
            } else {
                $mapping = items::get_of_kind($courseid, $item['groupkey'], 'group');
                $exists = $mapping && $DB->record_exists('groups', ['id' => $mapping->moodleid, 'courseid' => $courseid]);
            }
            if (!$exists) {
                throw new item_exception('unknowngroupkey', s($item['groupkey']));
            }
            return ['groupid' => (int) $mapping->moodleid, 'groupingid' => 0];
        }
        if (isset($item['groupid'])) {
            $groupid = (int) $item['groupid'];
            if ($groupid && !$DB->record_exists('groups', ['id' => $groupid, 'courseid' => $courseid])) {
                throw new item_exception('unknowngroup', $groupid);
            }
            return ['groupid' => $groupid, 'groupingid' => 0];
        }
        if (isset($item['groupingid'])) {
            $groupingid = (int) $item['groupingid'];
            if ($groupingid && !$DB->record_exists('groupings', ['id' => $groupingid, 'courseid' => $courseid])) {
                throw new item_exception('unknowngrouping', $groupingid);
            }
            return ['groupid' => 0, 'groupingid' => $groupingid];
        }
        return null;
    }

    /**
     * The availability JSON for a restriction (null when there is none).
     *
     * Members of other groups do not see the item at all (the condition is hidden).
     *
     * @param array $restriction ['groupid' => int, 'groupingid' => int]
     * @return string|null
     */
    public static function to_json(array $restriction): ?string {
        if (!empty($restriction['groupid'])) {
            $condition = \availability_group\condition::get_json((int) $restriction['groupid']);
        } else if (!empty($restriction['groupingid'])) {
            $condition = \availability_grouping\condition::get_json((int) $restriction['groupingid']);
        } else {
            return null;
        }
        return json_encode(\core_availability\tree::get_root_json([$condition], \core_availability\tree::OP_AND, false));
    }

    /**
     * The group or grouping an availability JSON restricts to (first condition of each type).
     *
     * @param string|null $json availability JSON as stored by Moodle
     * @return array ['groupid' => int, 'groupingid' => int]
     */
    public static function from_json(?string $json): array {
        $result = ['groupid' => 0, 'groupingid' => 0];
        if (!$json) {
            return $result;
        }
        $tree = json_decode($json);
        if (!$tree || empty($tree->c) || !is_array($tree->c)) {
            return $result;
        }
        foreach ($tree->c as $condition) {
            if (isset($condition->type) && $condition->type === 'group' && !empty($condition->id) && !$result['groupid']) {
                $result['groupid'] = (int) $condition->id;
            } else if (isset($condition->type) && $condition->type === 'grouping' && !empty($condition->id)
                    && !$result['groupingid']) {
                $result['groupingid'] = (int) $condition->id;
            }
        }
        return $result;
    }

    /**
     * Whether a stored availability already expresses exactly the requested restriction.
     *
     * @param string|null $json current availability JSON
     * @param array $restriction requested restriction
     * @return bool
     */
    public static function matches(?string $json, array $restriction): bool {
        $wanted = self::to_json($restriction);
        if ($wanted === null) {
            return empty($json) || self::from_json($json) === ['groupid' => 0, 'groupingid' => 0];
        }
        return !empty($json) && json_decode($json, true) == json_decode($wanted, true);
    }
}
