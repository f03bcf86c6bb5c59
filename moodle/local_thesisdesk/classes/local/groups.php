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
require_once($CFG->dirroot . '/group/lib.php');

/**
 * Course groups managed by key, with their members.
 *
 * @package    local_thesisdesk
 * @copyright  2026 ThesisDesk
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class groups {
    /**
     * Create or update groups; members no longer listed are removed.
     *
     * @param \stdClass $course the course
     * @param array $items items as validated by the external function
     * @return array results in the order of the items
     */
    public static function sync(\stdClass $course, array $items): array {
        $context = \context_course::instance($course->id);
        // Who may be a member: users enrolled in the course (one query for the batch).
        $enrolled = array_flip(array_map('intval', array_keys(get_enrolled_users($context, '', 0, 'u.id', null, 0, 0, false))));
        $batch = new batch();
        $results = [];
        foreach ($items as $item) {
            $results[] = $batch->run($item['key'], fn() => self::sync_one($course, $item, $enrolled));
        }
        return $results;
    }

    /**
     * Create or update one group.
     *
     * @param \stdClass $course the course
     * @param array $item requested values
     * @param array $enrolled enrolled user ids (as keys)
     * @return array result fields
     */
    private static function sync_one(\stdClass $course, array $item, array $enrolled): array {
        global $DB;

        $members = array_values(array_unique(array_map('intval', $item['members'] ?? [])));
        foreach ($members as $userid) {
            if (!isset($enrolled[$userid])) {
                if (!$DB->record_exists('user', ['id' => $userid, 'deleted' => 0])) {
                    throw new item_exception('unknownuser', $userid);
                }
                throw new item_exception('usernotenrolled', $userid);
            }
        }

        $mapping = items::get_of_kind($course->id, $item['key'], 'group');
        $group = $mapping ? $DB->get_record('groups', ['id' => $mapping->moodleid, 'courseid' => $course->id]) : false;
        $namedgroupid = groups_get_group_by_name($course->id, $item['name']);
        if ($namedgroupid && (!$group || (int) $namedgroupid !== (int) $group->id)) {
            throw new item_exception('groupnametaken', s($item['name']));
        }

        $status = 'unchanged';
        if (!$group) {
            $groupid = groups_create_group((object) [
                'courseid' => $course->id,
                'name' => $item['name'],
                'description' => $item['description'] ?? '',
                'descriptionformat' => FORMAT_HTML,
            ]);
            $group = $DB->get_record('groups', ['id' => $groupid], '*', MUST_EXIST);
            $status = 'created';
        } else {
            $changes = [];
            if ($group->name !== $item['name']) {
                $changes['name'] = $item['name'];
            }
            if (isset($item['description']) && (string) $group->description !== $item['description']) {
                $changes['description'] = $item['description'];
                $changes['descriptionformat'] = FORMAT_HTML;
            }
            if ($changes) {
                groups_update_group((object) (['id' => $group->id, 'courseid' => $course->id] + $changes));
                $status = 'updated';
            }
        }

        $current = array_map('intval', $DB->get_fieldset_select('groups_members', 'userid', 'groupid = ?', [$group->id]));
        $toadd = array_diff($members, $current);
        $toremove = array_diff($current, $members);
        foreach ($toadd as $userid) {
            if (!groups_add_member($group->id, $userid)) {
                throw new item_exception('cannotaddmember', $userid);
            }
        }
        foreach ($toremove as $userid) {
            groups_remove_member($group->id, $userid);
        }
        if (($toadd || $toremove) && $status === 'unchanged') {
            $status = 'updated';
        }
        if ($status !== 'unchanged' || items::fingerprint_changed($mapping, $item['fingerprint'] ?? null)) {
            items::save($course->id, $item['key'], 'group', $group->id, 0, $item['fingerprint'] ?? null);
            if ($status === 'unchanged') {
                $status = 'updated';
            }
        }
        return ['groupid' => (int) $group->id, 'added' => count($toadd), 'removed' => count($toremove), 'status' => $status];
    }
}
