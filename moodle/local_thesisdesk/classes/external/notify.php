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
 * Web service function local_thesisdesk_notify.
 *
 * Send notifications through the plugin's message provider; a key already sent is not sent again.
 *
 * @package    local_thesisdesk
 * @copyright  2026 ThesisDesk
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class notify extends external_api {
    /**
     * Parameters, as in ThesisDesk's catalogue.
     *
     * @return external_function_parameters
     */
    public static function execute_parameters(): external_function_parameters {
        return new external_function_parameters([
            'notifications' => new external_multiple_structure(
                new external_single_structure([
                    'key' => new external_value(
                        PARAM_RAW,
                        'idempotency key: a notification with a key already sent is not sent again',
                        VALUE_REQUIRED, null, NULL_NOT_ALLOWED
                    ),
                    'userid' => new external_value(PARAM_INT, 'recipient', VALUE_REQUIRED, null, NULL_NOT_ALLOWED),
                    'courseid' => new external_value(
                        PARAM_INT,
                        'course the notification is about (0 site)',
                        VALUE_DEFAULT, 0, NULL_NOT_ALLOWED
                    ),
                    'subject' => new external_value(PARAM_TEXT, 'subject', VALUE_REQUIRED, null, NULL_NOT_ALLOWED),
                    'fullmessagehtml' => new external_value(PARAM_RAW, 'HTML body', VALUE_REQUIRED, null, NULL_NOT_ALLOWED),
                    'fullmessage' => new external_value(PARAM_RAW, 'plain-text body', VALUE_REQUIRED, null, NULL_NOT_ALLOWED),
                    'contexturl' => new external_value(
                        PARAM_URL,
                        'link to the page the notification is about',
                        VALUE_OPTIONAL, null, NULL_NOT_ALLOWED
                    ),
                    'contexturlname' => new external_value(PARAM_TEXT, 'the link\'s text', VALUE_OPTIONAL, null, NULL_NOT_ALLOWED),
                ], '', VALUE_REQUIRED, null, NULL_NOT_ALLOWED),
                '', VALUE_REQUIRED, null, NULL_NOT_ALLOWED
            ),
        ]);
    }

    /**
     * Send notifications through the plugin's message provider; a key already sent is not sent again.
     *
     * @param array|null $notifications notifications
     * @return array
     */
    public static function execute($notifications): array {
        // Parameters left out arrive as null: leave them out, as the client did.
        $given = array_filter([
            'notifications' => $notifications,
        ], static fn($value) => $value !== null);
        $params = self::validate_parameters(self::execute_parameters(), $given);

        return [
            'notifications' => \local_thesisdesk\local\notifications::send($params['notifications']),
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
            'notifications' => \local_thesisdesk\local\returns::items([
                'userid' => new external_value(PARAM_INT, 'recipient', VALUE_OPTIONAL, null, NULL_NOT_ALLOWED),
                'messageid' => new external_value(PARAM_INT, 'Moodle message id', VALUE_OPTIONAL, null, NULL_NOT_ALLOWED),
            ]),
            'warnings' => new external_warnings(),
        ], '', VALUE_REQUIRED, null, NULL_NOT_ALLOWED);
    }
}
