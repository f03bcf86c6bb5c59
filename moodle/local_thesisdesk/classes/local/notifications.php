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

use core_external\external_api;

/**
 * Notifications through the plugin's message provider, sent once per key and recipient.
 *
 * Moodle delivers them by e-mail, popup or the app according to each user's preferences.
 *
 * @package    local_thesisdesk
 * @copyright  2026 ThesisDesk
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class notifications {
    /** @var string the register of sent keys */
    const TABLE = 'local_thesisdesk_sent';

    /**
     * Send notifications. A key already sent to the same user is not sent again (status unchanged).
     *
     * The caller needs local/thesisdesk:notify in the course of each notification (in the system
     * context for courseid 0).
     *
     * @param array $items notifications as validated by the external function
     * @return array results in the order of the items
     */
    public static function send(array $items): array {
        $batch = new batch();
        $results = [];
        $checked = [];
        foreach ($items as $item) {
            // Keys repeat across recipients: check duplicates on key and recipient.
            $results[] = $batch->run($item['key'] . "\0" . $item['userid'], function () use ($item, &$checked) {
                return self::send_one($item, $checked);
            });
        }
        foreach ($results as $index => $result) {
            $results[$index]['key'] = $items[$index]['key'];
            $results[$index] += ['userid' => (int) $items[$index]['userid']];
        }
        return $results;
    }

    /**
     * Send one notification.
     *
     * @param array $item the notification
     * @param array $checked contexts already validated (by reference)
     * @return array result fields
     */
    private static function send_one(array $item, array &$checked): array {
        global $DB;

        $courseid = (int) $item['courseid'];
        if (!isset($checked[$courseid])) {
            if ($courseid && !$DB->record_exists('course', ['id' => $courseid])) {
                throw new item_exception('unknowncourse', $courseid);
            }
            $context = $courseid ? \context_course::instance($courseid) : \context_system::instance();
            external_api::validate_context($context);
            require_capability('local/thesisdesk:notify', $context);
            $checked[$courseid] = true;
        }

        $sent = $DB->get_record(self::TABLE, ['notifkey' => $item['key'], 'userid' => $item['userid']]);
        if ($sent) {
            return ['userid' => (int) $sent->userid, 'messageid' => (int) $sent->messageid, 'status' => 'unchanged'];
        }
        $user = $DB->get_record('user', ['id' => $item['userid'], 'deleted' => 0]);
        if (!$user || $user->suspended) {
            throw new item_exception('unknownuser', (int) $item['userid']);
        }

        $message = new \core\message\message();
        $message->component = 'local_thesisdesk';
        $message->name = 'notification';
        $message->userfrom = \core_user::get_noreply_user();
        $message->userto = $user;
        $message->subject = $item['subject'];
        $message->fullmessage = $item['fullmessage'];
        $message->fullmessageformat = FORMAT_PLAIN;
        $message->fullmessagehtml = $item['fullmessagehtml'];
        $message->smallmessage = $item['subject'];
        $message->notification = 1;
        $message->courseid = $courseid ?: SITEID;
        if (!empty($item['contexturl'])) {
            $message->contexturl = $item['contexturl'];
            $message->contexturlname = $item['contexturlname'] ?? $item['contexturl'];
        }
        $messageid = message_send($message);
        if (!$messageid) {
            throw new item_exception('messagenotsent', (int) $item['userid']);
        }
        $DB->insert_record(self::TABLE, (object) [
            'notifkey' => $item['key'],
            'userid' => $user->id,
            'courseid' => $courseid,
            'messageid' => (int) $messageid,
            'timecreated' => time(),
        ]);
        return ['userid' => (int) $user->id, 'messageid' => (int) $messageid, 'status' => 'created'];
    }
}
