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
 * Test data generator of local_thesisdesk: managed items created through the plugin's services.
 *
 * @package    local_thesisdesk
 * @category   test
 * @copyright  2026 ThesisDesk
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class local_thesisdesk_generator extends component_generator_base {
    /**
     * A managed section.
     *
     * @param array $record courseid, key, name and any sync_sections field
     * @return array the item's result (sectionid, sectionnum, status)
     */
    public function create_section(array $record): array {
        $course = get_course($record['courseid']);
        $item = $record + ['name' => 'Section ' . $record['key'], 'summaryformat' => FORMAT_HTML];
        unset($item['courseid']);
        return \local_thesisdesk\local\sections::sync($course, [$item])[0];
    }

    /**
     * A managed group.
     *
     * @param array $record courseid, key, name, members
     * @return array the item's result (groupid, status)
     */
    public function create_group(array $record): array {
        $course = get_course($record['courseid']);
        $item = $record + ['name' => 'Group ' . $record['key'], 'members' => []];
        unset($item['courseid']);
        return \local_thesisdesk\local\groups::sync($course, [$item])[0];
    }

    /**
     * A managed assignment.
     *
     * @param array $record courseid, key, sectionkey, name and any sync_assignments field
     * @return array the item's result (cmid, assignid, status)
     */
    public function create_assignment(array $record): array {
        $course = get_course($record['courseid']);
        $item = $record + ['name' => 'Deposit ' . $record['key'], 'introformat' => FORMAT_HTML];
        unset($item['courseid']);
        return \local_thesisdesk\local\assignments::sync($course, [$item])[0];
    }

    /**
     * A managed calendar event.
     *
     * @param array $record courseid, key, name, timestart and any sync_events field
     * @return array the item's result (eventid, status)
     */
    public function create_event(array $record): array {
        $course = get_course($record['courseid']);
        $item = $record + ['name' => 'Event ' . $record['key'], 'timestart' => time() + DAYSECS, 'timeduration' => 0,
            'eventtype' => 'course', 'delete' => false];
        unset($item['courseid']);
        return \local_thesisdesk\local\events::sync($course, [$item])[0];
    }

    /**
     * A published subject.
     *
     * @param array $record courseid, key, title and any sync_subjects field
     * @return array the item's result (subjectid, status)
     */
    public function create_subject(array $record): array {
        $course = get_course($record['courseid']);
        $item = $record + ['title' => 'Subject ' . $record['key'], 'description' => '', 'supervisors' => '',
            'keywords' => '', 'placesleft' => 1, 'sortorder' => 0];
        unset($item['courseid']);
        return \local_thesisdesk\local\subjects::sync($course, [$item], false)[0][0];
    }
}
