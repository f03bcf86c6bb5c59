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
 * Event observers of local_thesisdesk: deposits in managed assignments are sent to ThesisDesk.
 *
 * Observers of a parent event class also receive its subclasses (the submission plugins'
 * events extend mod_assign's submission_created / submission_updated).
 *
 * @package    local_thesisdesk
 * @copyright  2026 ThesisDesk
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

defined('MOODLE_INTERNAL') || die();

$observers = [
    [
        'eventname' => '\mod_assign\event\submission_created',
        'callback' => '\local_thesisdesk\observer::submission_event',
    ],
    [
        'eventname' => '\mod_assign\event\submission_updated',
        'callback' => '\local_thesisdesk\observer::submission_event',
    ],
    [
        'eventname' => '\mod_assign\event\assessable_submitted',
        'callback' => '\local_thesisdesk\observer::submission_event',
    ],
    [
        'eventname' => '\mod_assign\event\submission_removed',
        'callback' => '\local_thesisdesk\observer::submission_event',
    ],
    [
        'eventname' => '\\core\\event\\course_deleted',
        'callback' => '\\local_thesisdesk\\observer::course_deleted',
    ],
];
