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
 * Web service function local_thesisdesk_get_state.
 *
 * Everything the plugin manages in a course, with Moodle's current values.
 *
 * @package    local_thesisdesk
 * @copyright  2026 ThesisDesk
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class get_state extends external_api {
    /**
     * Parameters, as in ThesisDesk's catalogue.
     *
     * @return external_function_parameters
     */
    public static function execute_parameters(): external_function_parameters {
        return new external_function_parameters([
            'courseid' => new external_value(PARAM_INT, 'the course id', VALUE_REQUIRED, null, NULL_NOT_ALLOWED),
            'kinds' => new external_multiple_structure(
                new external_value(
                    PARAM_ALPHA,
                    'section | assignment | group | event | resource | folder | subject',
                    VALUE_REQUIRED, null, NULL_NOT_ALLOWED
                ),
                'only these kinds; left out: all', VALUE_OPTIONAL, null, NULL_NOT_ALLOWED
            ),
        ]);
    }

    /**
     * Everything the plugin manages in a course, with Moodle's current values.
     *
     * @param int|null $courseid the course id
     * @param array|null $kinds only these kinds; left out: all
     * @return array
     */
    public static function execute($courseid, $kinds = null): array {
        // Parameters left out arrive as null: leave them out, as the client did.
        $given = array_filter([
            'courseid' => $courseid,
            'kinds' => $kinds,
        ], static fn($value) => $value !== null);
        $params = self::validate_parameters(self::execute_parameters(), $given);

        [$course] = \local_thesisdesk\local\access::course($params['courseid'], 'local/thesisdesk:view');
        $kinds = $params['kinds'] ?? null;
        return [
            'courseid' => (int) $course->id,
            'items' => \local_thesisdesk\local\state::items($course, $kinds ?: null),
            'warnings' => [],
        ];
    }

    /**
     * Return value, as in ThesisDesk's catalogue.
     *
     * @return external_single_structure
     */
    public static function execute_returns(): external_single_structure {
        return new external_single_structure([
            'courseid' => new external_value(PARAM_INT, 'the course id', VALUE_REQUIRED, null, NULL_NOT_ALLOWED),
            'items' => new external_multiple_structure(
                new external_single_structure([
                    'key' => new external_value(
                        PARAM_RAW,
                        'ThesisDesk\'s key for the item, unique within the course (at most 255 ' .
                            'characters)',
                        VALUE_REQUIRED, null, NULL_NOT_ALLOWED
                    ),
                    'kind' => new external_value(
                        PARAM_ALPHA,
                        'section | assignment | group | event | resource | folder | subject',
                        VALUE_REQUIRED, null, NULL_NOT_ALLOWED
                    ),
                    'exists' => new external_value(
                        PARAM_BOOL,
                        '0 when the Moodle object was deleted outside ThesisDesk',
                        VALUE_REQUIRED, null, NULL_NOT_ALLOWED
                    ),
                    'id' => new external_value(
                        PARAM_INT,
                        'Moodle id: section id, course module id, group id, event id or subject id',
                        VALUE_OPTIONAL, null, NULL_NOT_ALLOWED
                    ),
                    'instanceid' => new external_value(
                        PARAM_INT,
                        'module instance id (assign, resource, folder)',
                        VALUE_OPTIONAL, null, NULL_NOT_ALLOWED
                    ),
                    'sectionnum' => new external_value(
                        PARAM_INT,
                        'section number (sections; activities: their section\'s number)',
                        VALUE_OPTIONAL, null, NULL_NOT_ALLOWED
                    ),
                    'sectionkey' => new external_value(
                        PARAM_RAW,
                        'key of the section holding the activity',
                        VALUE_OPTIONAL, null, NULL_NOT_ALLOWED
                    ),
                    'name' => new external_value(PARAM_RAW, 'current name', VALUE_OPTIONAL, null, NULL_NOT_ALLOWED),
                    'visible' => new external_value(PARAM_BOOL, 'currently shown', VALUE_OPTIONAL, null, NULL_NOT_ALLOWED),
                    'summary' => new external_value(
                        PARAM_RAW,
                        'current HTML summary, intro or description',
                        VALUE_OPTIONAL, null, NULL_NOT_ALLOWED
                    ),
                    'groupid' => new external_value(
                        PARAM_INT,
                        'group the item is restricted to (0 none)',
                        VALUE_OPTIONAL, null, NULL_NOT_ALLOWED
                    ),
                    'groupingid' => new external_value(
                        PARAM_INT,
                        'grouping the item is restricted to (0 none)',
                        VALUE_OPTIONAL, null, NULL_NOT_ALLOWED
                    ),
                    'allowsubmissionsfromdate' => new external_value(PARAM_INT, 'Unix time', VALUE_OPTIONAL, null, NULL_NOT_ALLOWED),
                    'duedate' => new external_value(PARAM_INT, 'Unix time', VALUE_OPTIONAL, null, NULL_NOT_ALLOWED),
                    'cutoffdate' => new external_value(PARAM_INT, 'Unix time', VALUE_OPTIONAL, null, NULL_NOT_ALLOWED),
                    'gradingduedate' => new external_value(PARAM_INT, 'Unix time', VALUE_OPTIONAL, null, NULL_NOT_ALLOWED),
                    'maxfiles' => new external_value(
                        PARAM_INT,
                        'maximum number of files',
                        VALUE_OPTIONAL, null, NULL_NOT_ALLOWED
                    ),
                    'maxbytes' => new external_value(
                        PARAM_INT,
                        'maximum bytes per file',
                        VALUE_OPTIONAL, null, NULL_NOT_ALLOWED
                    ),
                    'filetypes' => new external_value(
                        PARAM_RAW,
                        'accepted file types',
                        VALUE_OPTIONAL, null, NULL_NOT_ALLOWED
                    ),
                    'filesubmissions' => new external_value(
                        PARAM_BOOL,
                        'file submissions enabled',
                        VALUE_OPTIONAL, null, NULL_NOT_ALLOWED
                    ),
                    'timestart' => new external_value(PARAM_INT, 'event start', VALUE_OPTIONAL, null, NULL_NOT_ALLOWED),
                    'timeduration' => new external_value(PARAM_INT, 'event duration', VALUE_OPTIONAL, null, NULL_NOT_ALLOWED),
                    'eventtype' => new external_value(PARAM_ALPHA, 'course or group', VALUE_OPTIONAL, null, NULL_NOT_ALLOWED),
                    'members' => new external_multiple_structure(
                        new external_value(PARAM_INT, 'user id', VALUE_REQUIRED, null, NULL_NOT_ALLOWED),
                        'group members', VALUE_OPTIONAL, null, NULL_NOT_ALLOWED
                    ),
                    'files' => new external_value(
                        PARAM_INT,
                        'number of files (resource, folder)',
                        VALUE_OPTIONAL, null, NULL_NOT_ALLOWED
                    ),
                    'fingerprint' => new external_value(
                        PARAM_RAW,
                        'fingerprint last given by ThesisDesk',
                        VALUE_OPTIONAL, null, NULL_NOT_ALLOWED
                    ),
                    'timemodified' => new external_value(
                        PARAM_INT,
                        'when the plugin last wrote the item',
                        VALUE_OPTIONAL, null, NULL_NOT_ALLOWED
                    ),
                ], '', VALUE_REQUIRED, null, NULL_NOT_ALLOWED),
                '', VALUE_REQUIRED, null, NULL_NOT_ALLOWED
            ),
            'warnings' => new external_warnings(),
        ], '', VALUE_REQUIRED, null, NULL_NOT_ALLOWED);
    }
}
