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


namespace local_thesisdesk\external;

use core_external\external_api;
use core_external\external_function_parameters;
use core_external\external_multiple_structure;
use core_external\external_single_structure;
use core_external\external_value;
use core_external\external_warnings;

/**
 * Web service function local_thesisdesk_sync_assignments.
 *
 * Create or update file-submission assignments by key, inside sections given by key, through
 * Moodle's module API.
 *
 * @package    local_thesisdesk
 * @copyright  2026 ThesisDesk
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class sync_assignments extends external_api {
    /**
     * Parameters, as in ThesisDesk's catalogue.
     *
     * @return external_function_parameters
     */
    public static function execute_parameters(): external_function_parameters {
        return new external_function_parameters([
            'courseid' => new external_value(PARAM_INT, 'the course id', VALUE_REQUIRED, null, NULL_NOT_ALLOWED),
            'assignments' => new external_multiple_structure(
                new external_single_structure([
                    'key' => new external_value(
                        PARAM_RAW,
                        'ThesisDesk\'s key for the item, unique within the course (at most 255 ' .
                            'characters)',
                        VALUE_REQUIRED, null, NULL_NOT_ALLOWED
                    ),
                    'sectionkey' => new external_value(
                        PARAM_RAW,
                        'key of the section that holds the assignment',
                        VALUE_REQUIRED, null, NULL_NOT_ALLOWED
                    ),
                    'name' => new external_value(PARAM_TEXT, 'assignment name', VALUE_REQUIRED, null, NULL_NOT_ALLOWED),
                    'intro' => new external_value(PARAM_RAW, 'HTML description', VALUE_OPTIONAL, null, NULL_NOT_ALLOWED),
                    'introformat' => new external_value(
                        PARAM_INT,
                        'intro format (1 = HTML)',
                        VALUE_DEFAULT, 1, NULL_NOT_ALLOWED
                    ),
                    'allowsubmissionsfromdate' => new external_value(PARAM_INT, 'Unix time; 0 none', VALUE_OPTIONAL, null, NULL_NOT_ALLOWED),
                    'duedate' => new external_value(PARAM_INT, 'Unix time; 0 none', VALUE_OPTIONAL, null, NULL_NOT_ALLOWED),
                    'cutoffdate' => new external_value(PARAM_INT, 'Unix time; 0 none', VALUE_OPTIONAL, null, NULL_NOT_ALLOWED),
                    'gradingduedate' => new external_value(PARAM_INT, 'Unix time; 0 none', VALUE_OPTIONAL, null, NULL_NOT_ALLOWED),
                    'maxfiles' => new external_value(
                        PARAM_INT,
                        'maximum number of files (1-100)',
                        VALUE_OPTIONAL, null, NULL_NOT_ALLOWED
                    ),
                    'maxbytes' => new external_value(
                        PARAM_INT,
                        'maximum size of each file in bytes; 0 course limit',
                        VALUE_OPTIONAL, null, NULL_NOT_ALLOWED
                    ),
                    'filetypes' => new external_value(
                        PARAM_RAW,
                        'accepted file types, e.g. \'.pdf,.zip\'; empty all',
                        VALUE_OPTIONAL, null, NULL_NOT_ALLOWED
                    ),
                    'requiresubmissionstatement' => new external_value(
                        PARAM_BOOL,
                        'students must accept the submission statement',
                        VALUE_OPTIONAL, null, NULL_NOT_ALLOWED
                    ),
                    'sendnotifications' => new external_value(
                        PARAM_BOOL,
                        'notify graders of submissions',
                        VALUE_OPTIONAL, null, NULL_NOT_ALLOWED
                    ),
                    'sendlatenotifications' => new external_value(
                        PARAM_BOOL,
                        'notify graders of late submissions',
                        VALUE_OPTIONAL, null, NULL_NOT_ALLOWED
                    ),
                    'grade' => new external_value(
                        PARAM_INT,
                        'maximum grade; 0 no grading',
                        VALUE_OPTIONAL, null, NULL_NOT_ALLOWED
                    ),
                    'visible' => new external_value(
                        PARAM_BOOL,
                        '1 shown, 0 hidden; left out: unchanged (created shown)',
                        VALUE_OPTIONAL, null, NULL_NOT_ALLOWED
                    ),
                    'groupkey' => new external_value(
                        PARAM_RAW,
                        'restrict access to the group with this key; an empty string removes the ' .
                            'restriction',
                        VALUE_OPTIONAL, null, NULL_NOT_ALLOWED
                    ),
                    'groupid' => new external_value(
                        PARAM_INT,
                        'restrict access to this group id; 0 removes the restriction',
                        VALUE_OPTIONAL, null, NULL_NOT_ALLOWED
                    ),
                    'fingerprint' => new external_value(
                        PARAM_RAW,
                        'ThesisDesk\'s fingerprint of the desired item; stored and returned by ' .
                            'get_state',
                        VALUE_OPTIONAL, null, NULL_NOT_ALLOWED
                    ),
                ], '', VALUE_REQUIRED, null, NULL_NOT_ALLOWED),
                '', VALUE_REQUIRED, null, NULL_NOT_ALLOWED
            ),
        ]);
    }

    /**
     * Create or update file-submission assignments by key, inside sections given by key, through
     * Moodle's module API.
     *
     * @param int|null $courseid the course id
     * @param array|null $assignments assignments
     * @return array
     */
    public static function execute($courseid, $assignments): array {
        // Parameters left out arrive as null: leave them out, as the client did.
        $given = array_filter([
            'courseid' => $courseid,
            'assignments' => $assignments,
        ], static fn($value) => $value !== null);
        $params = self::validate_parameters(self::execute_parameters(), $given);

        [$course] = \local_thesisdesk\local\access::course($params['courseid'], 'local/thesisdesk:manage');
        $results = \local_thesisdesk\local\assignments::sync($course, $params['assignments']);
        return ['assignments' => $results, 'warnings' => []];
    }

    /**
     * Return value, as in ThesisDesk's catalogue.
     *
     * @return external_single_structure
     */
    public static function execute_returns(): external_single_structure {
        return new external_single_structure([
            'assignments' => \local_thesisdesk\local\returns::items([
                'cmid' => new external_value(PARAM_INT, 'course module id', VALUE_OPTIONAL, null, NULL_NOT_ALLOWED),
                'assignid' => new external_value(PARAM_INT, 'assignment id', VALUE_OPTIONAL, null, NULL_NOT_ALLOWED),
            ]),
            'warnings' => new external_warnings(),
        ], '', VALUE_REQUIRED, null, NULL_NOT_ALLOWED);
    }
}
