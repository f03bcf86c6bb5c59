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

namespace local_thesisdesk\privacy;

use core_privacy\local\metadata\collection;
use core_privacy\local\request\approved_contextlist;
use core_privacy\local\request\approved_userlist;
use core_privacy\local\request\contextlist;
use core_privacy\local\request\userlist;
use core_privacy\local\request\writer;

/**
 * Privacy provider: the register of notifications sent to a user, deposit notices sent to
 * ThesisDesk, and messages delivered through Moodle's messaging.
 *
 * Notifications are kept in the context of their course (the user's context for site-level ones).
 *
 * @package    local_thesisdesk
 * @copyright  2026 ThesisDesk
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class provider implements
        \core_privacy\local\metadata\provider,
        \core_privacy\local\request\plugin\provider,
        \core_privacy\local\request\core_userlist_provider {

    /**
     * Describe the personal data the plugin stores or sends.
     *
     * @param collection $collection the collection to add to
     * @return collection
     */
    public static function get_metadata(collection $collection): collection {
        $collection->add_database_table('local_thesisdesk_sent', [
            'notifkey' => 'privacy:metadata:sent:notifkey',
            'userid' => 'privacy:metadata:sent:userid',
            'courseid' => 'privacy:metadata:sent:courseid',
            'messageid' => 'privacy:metadata:sent:messageid',
            'timecreated' => 'privacy:metadata:sent:timecreated',
        ], 'privacy:metadata:sent');
        $collection->add_external_location_link('thesisdesk', [
            'userid' => 'privacy:metadata:thesisdesk:userid',
            'submissionid' => 'privacy:metadata:thesisdesk:submissionid',
            'status' => 'privacy:metadata:thesisdesk:status',
            'timemodified' => 'privacy:metadata:thesisdesk:timemodified',
        ], 'privacy:metadata:thesisdesk');
        $collection->add_subsystem_link('core_message', [], 'privacy:metadata:core_message');
        return $collection;
    }

    /**
     * The context of a sent notification.
     *
     * @param \stdClass $record row of local_thesisdesk_sent
     * @return \context
     */
    private static function context_of(\stdClass $record): \context {
        if ($record->courseid && $context = \context_course::instance($record->courseid, IGNORE_MISSING)) {
            return $context;
        }
        return \context_user::instance($record->userid);
    }

    /**
     * Contexts holding data of a user.
     *
     * @param int $userid the user
     * @return contextlist
     */
    public static function get_contexts_for_userid(int $userid): contextlist {
        $contextlist = new contextlist();
        $sql = "SELECT ctx.id
                  FROM {local_thesisdesk_sent} s
                  JOIN {context} ctx ON ctx.instanceid = s.courseid AND ctx.contextlevel = :courselevel
                 WHERE s.userid = :userid";
        $contextlist->add_from_sql($sql, ['courselevel' => CONTEXT_COURSE, 'userid' => $userid]);
        $sql = "SELECT ctx.id
                  FROM {local_thesisdesk_sent} s
                  JOIN {context} ctx ON ctx.instanceid = s.userid AND ctx.contextlevel = :userlevel
                 WHERE s.userid = :userid AND s.courseid = 0";
        $contextlist->add_from_sql($sql, ['userlevel' => CONTEXT_USER, 'userid' => $userid]);
        return $contextlist;
    }

    /**
     * Users with data in a context.
     *
     * @param userlist $userlist the list to fill
     */
    public static function get_users_in_context(userlist $userlist): void {
        $context = $userlist->get_context();
        if ($context instanceof \context_course) {
            $userlist->add_from_sql('userid', 'SELECT userid FROM {local_thesisdesk_sent} WHERE courseid = :courseid',
                ['courseid' => $context->instanceid]);
        } else if ($context instanceof \context_user) {
            $userlist->add_from_sql('userid', 'SELECT userid FROM {local_thesisdesk_sent} WHERE courseid = 0 AND userid = :userid',
                ['userid' => $context->instanceid]);
        }
    }

    /**
     * Export a user's data in the approved contexts.
     *
     * @param approved_contextlist $contextlist the contexts
     */
    public static function export_user_data(approved_contextlist $contextlist): void {
        global $DB;
        $userid = $contextlist->get_user()->id;
        $bycontext = [];
        foreach ($DB->get_records('local_thesisdesk_sent', ['userid' => $userid], 'timecreated') as $record) {
            $context = self::context_of($record);
            $bycontext[$context->id][] = (object) [
                'key' => $record->notifkey,
                'timecreated' => \core_privacy\local\request\transform::datetime($record->timecreated),
            ];
        }
        foreach ($contextlist->get_contexts() as $context) {
            if (!empty($bycontext[$context->id])) {
                writer::with_context($context)->export_data(
                    [get_string('privacy:sentnotifications', 'local_thesisdesk')],
                    (object) ['notifications' => $bycontext[$context->id]]
                );
            }
        }
    }

    /**
     * Delete everyone's data in a context.
     *
     * @param \context $context the context
     */
    public static function delete_data_for_all_users_in_context(\context $context): void {
        global $DB;
        if ($context instanceof \context_course) {
            $DB->delete_records('local_thesisdesk_sent', ['courseid' => $context->instanceid]);
        } else if ($context instanceof \context_user) {
            $DB->delete_records('local_thesisdesk_sent', ['courseid' => 0, 'userid' => $context->instanceid]);
        }
    }

    /**
     * Delete a user's data in the approved contexts.
     *
     * @param approved_contextlist $contextlist the contexts
     */
    public static function delete_data_for_user(approved_contextlist $contextlist): void {
        global $DB;
        $userid = $contextlist->get_user()->id;
        foreach ($contextlist->get_contexts() as $context) {
            if ($context instanceof \context_course) {
                $DB->delete_records('local_thesisdesk_sent', ['courseid' => $context->instanceid, 'userid' => $userid]);
            } else if ($context instanceof \context_user && (int) $context->instanceid === (int) $userid) {
                $DB->delete_records('local_thesisdesk_sent', ['courseid' => 0, 'userid' => $userid]);
            }
        }
    }

    /**
     * Delete the data of several users in one context.
     *
     * @param approved_userlist $userlist the users and the context
     */
    public static function delete_data_for_users(approved_userlist $userlist): void {
        global $DB;
        $context = $userlist->get_context();
        $userids = $userlist->get_userids();
        if (!$userids) {
            return;
        }
        [$insql, $params] = $DB->get_in_or_equal($userids, SQL_PARAMS_NAMED);
        if ($context instanceof \context_course) {
            $DB->delete_records_select('local_thesisdesk_sent', "courseid = :courseid AND userid $insql",
                $params + ['courseid' => $context->instanceid]);
        } else if ($context instanceof \context_user) {
            $DB->delete_records_select('local_thesisdesk_sent', "courseid = 0 AND userid $insql AND userid = :owner",
                $params + ['owner' => $context->instanceid]);
        }
    }
}
