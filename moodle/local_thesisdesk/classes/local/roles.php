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
 * A user's roles in courses, for ThesisDesk's sign-in.
 *
 * @package    local_thesisdesk
 * @copyright  2026 ThesisDesk
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class roles {
    /**
     * Role shortnames and ThesisDesk capabilities of a user in courses.
     *
     * Anyone may ask about themselves. Asking about another user needs moodle/role:review in
     * each course (a course where the caller lacks it is left out with a warning).
     *
     * @param int $userid the user (0: the caller)
     * @param int[]|null $courseids courses (null: the courses the user is enrolled in)
     * @return array userid, courses, warnings
     */
    public static function for_user(int $userid, ?array $courseids): array {
        global $DB, $USER;

        $systemcontext = \context_system::instance();
        external_api::validate_context($systemcontext);
        if (!$userid) {
            $userid = (int) $USER->id;
        }
        $self = $userid === (int) $USER->id;
        $user = $DB->get_record('user', ['id' => $userid, 'deleted' => 0], '*', MUST_EXIST);

        if ($courseids === null) {
            $courseids = array_map('intval', array_keys(enrol_get_all_users_courses($user->id, false, 'id')));
        }
        $courses = [];
        $warnings = [];
        foreach (array_unique(array_map('intval', $courseids)) as $courseid) {
            $course = $DB->get_record('course', ['id' => $courseid], 'id, shortname');
            if (!$course || $courseid === SITEID) {
                $warnings[] = ['item' => 'course', 'itemid' => $courseid, 'warningcode' => 'unknowncourse',
                    'message' => 'No course with this id.'];
                continue;
            }
            $context = \context_course::instance($courseid);
            if (!$self && !has_capability('moodle/role:review', $context)) {
                $warnings[] = ['item' => 'course', 'itemid' => $courseid, 'warningcode' => 'nopermissions',
                    'message' => 'You cannot see the roles of other users in this course.'];
                continue;
            }
            $shortnames = [];
            foreach (get_user_roles($context, $user->id, true) as $role) {
                $shortnames[$role->shortname] = $role->shortname;
            }
            $courses[] = [
                'courseid' => (int) $course->id,
                'shortname' => (string) $course->shortname,
                'roles' => array_values($shortnames),
                'canmanage' => has_capability('local/thesisdesk:manage', $context, $user),
                'canview' => has_capability('local/thesisdesk:view', $context, $user),
            ];
        }
        return ['userid' => (int) $user->id, 'courses' => $courses, 'warnings' => $warnings];
    }
}
