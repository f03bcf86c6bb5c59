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

/**
 * English strings of local_thesisdesk.
 *
 * @package    local_thesisdesk
 * @copyright  2026 ThesisDesk
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

defined('MOODLE_INTERNAL') || die();

$string['cannotaddmember'] = 'User {$a} could not be added to the group.';
$string['cannotmovesection'] = 'The section could not be placed after "{$a}".';
$string['cutoffbeforedue'] = 'The cut-off date is before the due date.';
$string['deleted'] = 'The Moodle object of "{$a}" was deleted: sync it again to recreate it.';
$string['duebeforeallow'] = 'The due date is before the date submissions open.';
$string['duplicatekey'] = 'The key "{$a}" appears more than once in this batch.';
$string['eventgroupmissing'] = 'A group event needs a groupkey or a groupid.';
$string['groupnametaken'] = 'Another group of this course is already named "{$a}".';
$string['invaliddate'] = 'The date {$a} cannot be negative.';
$string['invalidduration'] = 'The duration cannot be negative.';
$string['invalideventtype'] = 'Unknown event type "{$a}": use course or group.';
$string['invalidkey'] = 'A key must be 1 to 255 characters long.';
$string['invalidkey_kind'] = 'The key "{$a->key}" already belongs to an item of kind {$a->kind}.';
$string['invalidmaxfiles'] = 'The maximum number of files must be between 1 and 100 (got {$a}).';
$string['invalidtype'] = 'Unknown type "{$a}": use resource or folder.';
$string['keywords'] = 'Keywords';
$string['messagenotsent'] = 'The notification to user {$a} could not be sent.';
$string['messageprovider:notification'] = 'ThesisDesk notifications (deadlines, allocations, defenses)';
$string['nofiles'] = 'The draft area {$a} holds no file of yours: upload the files with webservice/upload.php first.';
$string['nosubjects'] = 'No subject has been published for this course yet.';
$string['notapplicable'] = 'Items of kind {$a} cannot be shown or hidden.';
$string['placesleft'] = 'Places left';
$string['pluginname'] = 'ThesisDesk';
$string['privacy:metadata:core_message'] = 'ThesisDesk sends notifications to users through Moodle\'s messaging.';
$string['privacy:metadata:sent'] = 'The notifications already sent, so that none is sent twice.';
$string['privacy:metadata:sent:courseid'] = 'The course the notification is about.';
$string['privacy:metadata:sent:messageid'] = 'The Moodle message of the notification.';
$string['privacy:metadata:sent:notifkey'] = 'The key ThesisDesk gave the notification.';
$string['privacy:metadata:sent:timecreated'] = 'When the notification was sent.';
$string['privacy:metadata:sent:userid'] = 'The recipient.';
$string['privacy:metadata:thesisdesk'] = 'When a student deposits in an assignment ThesisDesk manages, a notice is sent to ThesisDesk.';
$string['privacy:metadata:thesisdesk:status'] = 'The status of the submission.';
$string['privacy:metadata:thesisdesk:submissionid'] = 'The submission.';
$string['privacy:metadata:thesisdesk:timemodified'] = 'When the submission last changed.';
$string['privacy:metadata:thesisdesk:userid'] = 'The student who deposited.';
$string['privacy:sentnotifications'] = 'ThesisDesk notifications';
$string['subjectcatalogue'] = 'Thesis subjects';
$string['supervisors'] = 'Supervisors';
$string['task_sendwebhook'] = 'Send a deposit notice to ThesisDesk';
$string['thesisdesk:manage'] = 'Manage what ThesisDesk builds in a course';
$string['thesisdesk:notify'] = 'Send ThesisDesk notifications';
$string['thesisdesk:view'] = 'See what ThesisDesk manages in a course';
$string['thesisdeskurl'] = 'ThesisDesk URL';
$string['thesisdeskurl_desc'] = 'The base URL of ThesisDesk, e.g. https://thesisdesk.example.edu. Deposit notices are posted to its /hooks/moodle/ address. Leave empty to send none.';
$string['unknowncourse'] = 'No course with id {$a}.';
$string['unknowngroup'] = 'No group {$a} in this course.';
$string['unknowngrouping'] = 'No grouping {$a} in this course.';
$string['unknowngroupkey'] = 'No group with the key "{$a}" in this course: sync the group first.';
$string['unknownkey'] = 'No item with the key "{$a}" in this course.';
$string['unknownsectionkey'] = 'No section with the key "{$a}" in this course: sync the section first.';
$string['unknownsectionkey_after'] = 'No section with the key "{$a}" to place this section after.';
$string['unknownuser'] = 'User {$a} does not exist.';
$string['usernotenrolled'] = 'User {$a} is not enrolled in this course.';
$string['webhookfailed'] = 'ThesisDesk did not accept the deposit notice (HTTP {$a->status}) {$a->error}';
$string['webhooksecret'] = 'Webhook secret';
$string['webhooksecret_desc'] = 'The secret shared with ThesisDesk to sign deposit notices (HMAC-SHA256). Use the same value as MOODLE_WEBHOOK_SECRET in ThesisDesk.';
