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

/**
 * A failure of one item of a batch, reported with its code and message.
 *
 * @package    local_thesisdesk
 * @copyright  2026 ThesisDesk
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class item_exception extends \moodle_exception {
    /**
     * Build the exception from one of the plugin's language strings.
     *
     * @param string $errorcode the item's errorcode (also the string identifier unless $stringid is given)
     * @param mixed $a value for the string's placeholders
     * @param string|null $stringid string identifier in local_thesisdesk for the message
     */
    public function __construct(string $errorcode, $a = null, ?string $stringid = null) {
        parent::__construct($stringid ?? $errorcode, 'local_thesisdesk', '', $a);
        $this->errorcode = $errorcode;
    }
}
