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
 * Web service function local_thesisdesk_get_user_roles.
 *
 * A user's role shortnames in given courses and whether they may manage ThesisDesk there.
 *
 * @package    local_thesisdesk
 * @copyright  2026 ThesisDesk
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class get_user_roles extends external_api {
    /**
     * Parameters, as in ThesisDesk's catalogue.
     *
     * @return external_function_parameters
     */
    public static function execute_parameters(): external_function_parameters {
        return new external_function_parameters([
            'userid' => new external_value(
                PARAM_INT,
                'the user; 0 the caller (only the caller without moodle/role:review)',
                VALUE_DEFAULT, 0, NULL_NOT_ALLOWED
            ),
            'courseids' => new external_multiple_structure(
                new external_value(PARAM_INT, 'course id', VALUE_REQUIRED, null, NULL_NOT_ALLOWED),
                'courses; left out: every course the user is enrolled in', VALUE_OPTIONAL, null, NULL_NOT_ALLOWED
            ),
        ]);
    }

    /**
     * A user's role shortnames in given courses and whether they may manage ThesisDesk there.
     *
     * @param int|null $userid the user; 0 the caller (only the caller without moodle/role:review)
     * @param array|null $courseids courses; left out: every course the user is enrolled in
     * @return array
     */
    public static function execute($userid = 0, $courseids = null): array {
        // Parameters left out arrive as null: leave them out, as the client did.
        $given = array_filter([
            'userid' => $userid,
            'courseids' => $courseids,
        ], static fn($value) => $value !== null);
        $params = self::validate_parameters(self::execute_parameters(), $given);

        return \local_thesisdesk\local\roles::for_user((int) $params['userid'], $params['courseids'] ?? null);
    }

    /**
     * Return value, as in ThesisDesk's catalogue.
     *
     * @return external_single_structure
     */
    public static function execute_returns(): external_single_structure {
        return new external_single_structure([
            'userid' => new external_value(PARAM_INT, 'the user', VALUE_REQUIRED, null, NULL_NOT_ALLOWED),
            'courses' => new external_multiple_structure(
                new external_single_structure([
                    'courseid' => new external_value(PARAM_INT, 'course id', VALUE_REQUIRED, null, NULL_NOT_ALLOWED),
                    'shortname' => new external_value(PARAM_RAW, 'course short name', VALUE_REQUIRED, null, NULL_NOT_ALLOWED),
                    'roles' => new external_multiple_structure(
                        new external_value(
                            PARAM_ALPHANUMEXT,
                            'role shortname',
                            VALUE_REQUIRED, null, NULL_NOT_ALLOWED
                        ),
                        '', VALUE_REQUIRED, null, NULL_NOT_ALLOWED
                    ),
                    'canmanage' => new external_value(
                        PARAM_BOOL,
                        'holds local/thesisdesk:manage in the course',
                        VALUE_REQUIRED, null, NULL_NOT_ALLOWED
                    ),
                    'canview' => new external_value(
                        PARAM_BOOL,
                        'holds local/thesisdesk:view in the course',
                        VALUE_REQUIRED, null, NULL_NOT_ALLOWED
                    ),
                ], '', VALUE_REQUIRED, null, NULL_NOT_ALLOWED),
                '', VALUE_REQUIRED, null, NULL_NOT_ALLOWED
            ),
            'warnings' => new external_warnings(),
        ], '', VALUE_REQUIRED, null, NULL_NOT_ALLOWED);
    }
}
