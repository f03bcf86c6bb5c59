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

use core_external\external_api;

/**
 * Context and capability checks shared by the web service functions.
 *
 * @package    local_thesisdesk
 * @copyright  2026 ThesisDesk
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class access {
    /**
     * Load a course, validate its context for the caller and require a capability there.
     *
     * @param int $courseid course id (a missing course raises Moodle's invalidrecord error)
     * @param string $capability capability the caller needs in the course
     * @return array [\stdClass $course, \context_course $context]
     */
    public static function course(int $courseid, string $capability): array {
        global $DB;
        $course = $DB->get_record('course', ['id' => $courseid], '*', MUST_EXIST);
        $context = \context_course::instance($course->id);
        external_api::validate_context($context);
        require_capability($capability, $context);
        return [$course, $context];
    }
}
