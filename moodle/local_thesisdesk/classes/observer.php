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

namespace local_thesisdesk;

use local_thesisdesk\local\items;

/**
 * Event observers: a deposit in an assignment ThesisDesk manages is queued for the webhook.
 *
 * @package    local_thesisdesk
 * @copyright  2026 ThesisDesk
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class observer {
    /**
     * A submission was created, updated, submitted or removed.
     *
     * @param \core\event\base $event the mod_assign event
     */
    public static function submission_event(\core\event\base $event): void {
        global $DB;

        if ($event->contextlevel != CONTEXT_MODULE || empty(get_config('local_thesisdesk', 'thesisdeskurl'))) {
            return;
        }
        $mapping = $DB->get_record(items::TABLE, ['kind' => 'assignment', 'moodleid' => $event->contextinstanceid,
            'courseid' => $event->courseid]);
        if (!$mapping) {
            return;
        }
        if ($event instanceof \mod_assign\event\assessable_submitted) {
            $name = 'submission_submitted';
            $submissionid = (int) $event->objectid;
        } else if ($event instanceof \mod_assign\event\submission_removed) {
            $name = 'submission_removed';
            $submissionid = (int) $event->objectid;
        } else if ($event instanceof \mod_assign\event\submission_created) {
            $name = 'submission_created';
            $submissionid = (int) ($event->other['submissionid'] ?? 0);
        } else {
            $name = 'submission_updated';
            $submissionid = (int) ($event->other['submissionid'] ?? 0);
        }
        $submission = $DB->get_record('assign_submission', ['id' => $submissionid]);
        if (!$submission) {
            return;
        }
        task\send_webhook::queue([
            'event' => $name,
            'courseid' => (int) $event->courseid,
            'key' => $mapping->itemkey,
            'cmid' => (int) $mapping->moodleid,
            'assignid' => (int) $submission->assignment,
            'userid' => (int) ($submission->userid ?: ($event->relateduserid ?: $event->userid)),
            'groupid' => (int) $submission->groupid,
            'submissionid' => (int) $submission->id,
            'status' => (string) $submission->status,
            'timemodified' => (int) $submission->timemodified,
        ]);
    }

    /**
     * A course was deleted: forget its keys and subjects.
     *
     * @param \core\event\course_deleted $event the event
     */
    public static function course_deleted(\core\event\course_deleted $event): void {
        items::delete_course((int) $event->objectid);
    }
}
