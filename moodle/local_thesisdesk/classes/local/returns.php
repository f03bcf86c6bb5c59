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

namespace local_thesisdesk\local;

use core_external\external_multiple_structure;
use core_external\external_single_structure;
use core_external\external_value;

/**
 * The return shape the batch functions share: one result per item, in the order of the items.
 *
 * Each result carries the item's key, the fields of the function, and the outcome: a status
 * and, for a failed item, an error code and a message a person can act on (see batch::run()).
 *
 * @package    local_thesisdesk
 * @copyright  2026 ThesisDesk
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class returns {
    /**
     * The list of per-item results of a batch function.
     *
     * @param external_value[] $fields the function's own result fields, after the key
     * @return external_multiple_structure
     */
    public static function items(array $fields): external_multiple_structure {
        $key = ['key' => new external_value(PARAM_RAW, 'the item\'s key', VALUE_REQUIRED, null, NULL_NOT_ALLOWED)];
        $outcome = [
            'status' => new external_value(
                PARAM_ALPHA,
                'created | updated | unchanged | deleted | error',
                VALUE_REQUIRED, null, NULL_NOT_ALLOWED
            ),
            'errorcode' => new external_value(
                PARAM_ALPHANUMEXT,
                'why this item failed (status error)',
                VALUE_OPTIONAL, null, NULL_NOT_ALLOWED
            ),
            'message' => new external_value(
                PARAM_RAW,
                'a message a person can act on (status error)',
                VALUE_OPTIONAL, null, NULL_NOT_ALLOWED
            ),
        ];
        return new external_multiple_structure(
            new external_single_structure($key + $fields + $outcome, '', VALUE_REQUIRED, null, NULL_NOT_ALLOWED),
            '', VALUE_REQUIRED, null, NULL_NOT_ALLOWED
        );
    }
}
