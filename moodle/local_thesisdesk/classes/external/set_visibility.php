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
 * Web service function local_thesisdesk_set_visibility.
 *
 * Show or hide managed items by key.
 *
 * @package    local_thesisdesk
 * @copyright  2026 ThesisDesk
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class set_visibility extends external_api {
    /**
     * Parameters, as in ThesisDesk's catalogue.
     *
     * @return external_function_parameters
     */
    public static function execute_parameters(): external_function_parameters {
        return new external_function_parameters([
            'courseid' => new external_value(PARAM_INT, 'the course id', VALUE_REQUIRED, null, NULL_NOT_ALLOWED),
            'items' => new external_multiple_structure(
                new external_single_structure([
                    'key' => new external_value(
                        PARAM_RAW,
                        'ThesisDesk\'s key for the item, unique within the course (at most 255 ' .
                            'characters)',
                        VALUE_REQUIRED, null, NULL_NOT_ALLOWED
                    ),
                    'visible' => new external_value(
                        PARAM_BOOL,
                        '1 shown, 0 hidden',
                        VALUE_REQUIRED, null, NULL_NOT_ALLOWED
                    ),
                ], '', VALUE_REQUIRED, null, NULL_NOT_ALLOWED),
                '', VALUE_REQUIRED, null, NULL_NOT_ALLOWED
            ),
        ]);
    }

    /**
     * Show or hide managed items by key.
     *
     * @param int|null $courseid the course id
     * @param array|null $items items
     * @return array
     */
    public static function execute($courseid, $items): array {
        // Parameters left out arrive as null: leave them out, as the client did.
        $given = array_filter([
            'courseid' => $courseid,
            'items' => $items,
        ], static fn($value) => $value !== null);
        $params = self::validate_parameters(self::execute_parameters(), $given);

        [$course] = \local_thesisdesk\local\access::course($params['courseid'], 'local/thesisdesk:manage');
        $results = \local_thesisdesk\local\managed::set_visibility($course, $params['items']);
        return ['items' => $results, 'warnings' => []];
    }

    /**
     * Return value, as in ThesisDesk's catalogue.
     *
     * @return external_single_structure
     */
    public static function execute_returns(): external_single_structure {
        return new external_single_structure([
            'items' => \local_thesisdesk\local\returns::items([]),
            'warnings' => new external_warnings(),
        ], '', VALUE_REQUIRED, null, NULL_NOT_ALLOWED);
    }
}
