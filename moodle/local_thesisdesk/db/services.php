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
 * Web service functions and services of local_thesisdesk.
 *
 * The functions and the two services match ThesisDesk's catalogue
 * (src/thesisdesk/moodle/catalogue/local_thesisdesk.json); tests/plugin checks it.
 *
 * @package    local_thesisdesk
 * @copyright  2026 ThesisDesk
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

defined('MOODLE_INTERNAL') || die();

$functions = [
    'local_thesisdesk_sync_sections' => [
        'classname' => 'local_thesisdesk\\external\\sync_sections',
        'methodname' => 'execute',
        'description' => 'Create or update course sections by key: name, HTML summary, visibility, position and access restriction.',
        'type' => 'write',
        'capabilities' => 'local/thesisdesk:manage',
    ],
    'local_thesisdesk_sync_assignments' => [
        'classname' => 'local_thesisdesk\\external\\sync_assignments',
        'methodname' => 'execute',
        'description' => 'Create or update file-submission assignments by key, inside sections given by key, through Moodle\'s module API.',
        'type' => 'write',
        'capabilities' => 'local/thesisdesk:manage',
    ],
    'local_thesisdesk_sync_groups' => [
        'classname' => 'local_thesisdesk\\external\\sync_groups',
        'methodname' => 'execute',
        'description' => 'Create or update groups by key with their members; members no longer listed are removed.',
        'type' => 'write',
        'capabilities' => 'local/thesisdesk:manage',
    ],
    'local_thesisdesk_sync_events' => [
        'classname' => 'local_thesisdesk\\external\\sync_events',
        'methodname' => 'execute',
        'description' => 'Create, update or delete course or group calendar events by key.',
        'type' => 'write',
        'capabilities' => 'local/thesisdesk:manage',
    ],
    'local_thesisdesk_sync_subjects' => [
        'classname' => 'local_thesisdesk\\external\\sync_subjects',
        'methodname' => 'execute',
        'description' => 'Store the course\'s published subject catalogue; with replace, subjects not listed are removed.',
        'type' => 'write',
        'capabilities' => 'local/thesisdesk:manage',
    ],
    'local_thesisdesk_publish_files' => [
        'classname' => 'local_thesisdesk\\external\\publish_files',
        'methodname' => 'execute',
        'description' => 'Attach the files of the caller\'s draft area to a resource or folder by key; replacing keeps the same activity.',
        'type' => 'write',
        'capabilities' => 'local/thesisdesk:manage',
    ],
    'local_thesisdesk_set_visibility' => [
        'classname' => 'local_thesisdesk\\external\\set_visibility',
        'methodname' => 'execute',
        'description' => 'Show or hide managed items by key.',
        'type' => 'write',
        'capabilities' => 'local/thesisdesk:manage',
    ],
    'local_thesisdesk_delete_items' => [
        'classname' => 'local_thesisdesk\\external\\delete_items',
        'methodname' => 'execute',
        'description' => 'Delete managed items by key, with their Moodle objects.',
        'type' => 'write',
        'capabilities' => 'local/thesisdesk:manage',
    ],
    'local_thesisdesk_get_state' => [
        'classname' => 'local_thesisdesk\\external\\get_state',
        'methodname' => 'execute',
        'description' => 'Everything the plugin manages in a course, with Moodle\'s current values.',
        'type' => 'read',
        'capabilities' => 'local/thesisdesk:view',
    ],
    'local_thesisdesk_get_user_roles' => [
        'classname' => 'local_thesisdesk\\external\\get_user_roles',
        'methodname' => 'execute',
        'description' => 'A user\'s role shortnames in given courses and whether they may manage ThesisDesk there.',
        'type' => 'read',
        'capabilities' => 'local/thesisdesk:view',
    ],
    'local_thesisdesk_notify' => [
        'classname' => 'local_thesisdesk\\external\\notify',
        'methodname' => 'execute',
        'description' => 'Send notifications through the plugin\'s message provider; a key already sent is not sent again.',
        'type' => 'write',
        'capabilities' => 'local/thesisdesk:notify',
    ],
];

$services = [
    'ThesisDesk' => [
        'shortname' => 'thesisdesk',
        'functions' => [
            'local_thesisdesk_delete_items',
            'local_thesisdesk_get_state',
            'local_thesisdesk_get_user_roles',
            'local_thesisdesk_notify',
            'local_thesisdesk_publish_files',
            'local_thesisdesk_set_visibility',
            'local_thesisdesk_sync_assignments',
            'local_thesisdesk_sync_events',
            'local_thesisdesk_sync_groups',
            'local_thesisdesk_sync_sections',
            'local_thesisdesk_sync_subjects',
            'core_calendar_create_calendar_events',
            'core_calendar_delete_calendar_events',
            'core_calendar_get_calendar_events',
            'core_course_create_courses',
            'core_course_delete_courses',
            'core_course_delete_modules',
            'core_course_get_contents',
            'core_course_get_courses_by_field',
            'core_course_update_courses',
            'core_courseformat_update_course',
            'core_enrol_get_enrolled_users',
            'core_enrol_get_users_courses',
            'core_files_get_files',
            'core_group_add_group_members',
            'core_group_create_groups',
            'core_group_delete_group_members',
            'core_group_delete_groups',
            'core_group_get_course_groups',
            'core_group_get_group_members',
            'core_message_send_instant_messages',
            'core_role_assign_roles',
            'core_update_inplace_editable',
            'core_user_get_course_user_profiles',
            'core_user_get_users_by_field',
            'core_webservice_get_site_info',
            'enrol_manual_enrol_users',
            'enrol_manual_unenrol_users',
            'mod_assign_get_assignments',
            'mod_assign_get_submission_status',
            'mod_assign_get_submissions',
            'mod_assign_list_participants',
            'mod_assign_save_user_extensions',
        ],
        'restrictedusers' => 1,
        'enabled' => 1,
        'uploadfiles' => 1,
        'downloadfiles' => 1,
    ],
    'ThesisDesk sign-in' => [
        'shortname' => 'thesisdesk_login',
        'functions' => [
            'core_webservice_get_site_info',
            'local_thesisdesk_get_user_roles',
        ],
        'restrictedusers' => 0,
        'enabled' => 1,
        'uploadfiles' => 0,
        'downloadfiles' => 0,
    ],
];
