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
 * Web service function local_thesisdesk_sync_groups.
 *
 * Create or update groups by key with their members; members no longer listed are removed.
 *
 * @package    local_thesisdesk
 * @copyright  2026 ThesisDesk
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class sync_groups extends external_api {
    /**
     * Parameters, as in ThesisDesk's catalogue.
     *
     * @return external_function_parameters
     */
    public static function execute_parameters(): external_function_parameters {
        return new external_function_parameters([
            'courseid' => new external_value(PARAM_INT, 'the course id', VALUE_REQUIRED, null, NULL_NOT_ALLOWED),
            'groups' => new external_multiple_structure(
                new external_single_structure([
                    'key' => new external_value(
                        PARAM_RAW,
                        'ThesisDesk\'s key for the item, unique within the course (at most 255 ' .
                            'characters)',
                        VALUE_REQUIRED, null, NULL_NOT_ALLOWED
                    ),
                    'name' => new external_value(
                        PARAM_TEXT,
                        'group name, unique in the course',
                        VALUE_REQUIRED, null, NULL_NOT_ALLOWED
                    ),
                    'description' => new external_value(PARAM_RAW, 'HTML description', VALUE_OPTIONAL, null, NULL_NOT_ALLOWED),
                    'members' => new external_multiple_structure(
                        new external_value(PARAM_INT, 'user id', VALUE_REQUIRED, null, NULL_NOT_ALLOWED),
                        'the group\'s members (user ids); left out: no members', VALUE_OPTIONAL, null, NULL_NOT_ALLOWED
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
     * Create or update groups by key with their members; members no longer listed are removed.
     *
     * @param int|null $courseid the course id
     * @param array|null $groups groups
     * @return array
     */
    public static function execute($courseid, $groups): array {
        // Parameters left out arrive as null: leave them out, as the client did.
        $given = array_filter([
            'courseid' => $courseid,
            'groups' => $groups,
        ], static fn($value) => $value !== null);
        $params = self::validate_parameters(self::execute_parameters(), $given);

        [$course] = \local_thesisdesk\local\access::course($params['courseid'], 'local/thesisdesk:manage');
        $results = \local_thesisdesk\local\groups::sync($course, $params['groups']);
        return ['groups' => $results, 'warnings' => []];
    }

    /**
     * Return value, as in ThesisDesk's catalogue.
     *
     * @return external_single_structure
     */
    public static function execute_returns(): external_single_structure {
        return new external_single_structure([
            'groups' => \local_thesisdesk\local\returns::items([
                'groupid' => new external_value(PARAM_INT, 'group id', VALUE_OPTIONAL, null, NULL_NOT_ALLOWED),
                'added' => new external_value(PARAM_INT, 'members added', VALUE_OPTIONAL, null, NULL_NOT_ALLOWED),
                'removed' => new external_value(PARAM_INT, 'members removed', VALUE_OPTIONAL, null, NULL_NOT_ALLOWED),
            ]),
            'warnings' => new external_warnings(),
        ], '', VALUE_REQUIRED, null, NULL_NOT_ALLOWED);
    }
}
