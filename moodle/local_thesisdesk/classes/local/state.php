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
 * What the plugin manages in a course, with Moodle's current values.
 *
 * Reads rows in bulk (one query per kind) so that a course with hundreds of items stays cheap.
 *
 * @package    local_thesisdesk
 * @copyright  2026 ThesisDesk
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class state {
    /** @var string[] every kind get_state knows */
    const KINDS = ['section', 'assignment', 'group', 'event', 'resource', 'folder', 'subject'];

    /**
     * Every managed item of a course.
     *
     * @param \stdClass $course the course
     * @param string[]|null $kinds only these kinds (null: all)
     * @return array items in the form of get_state's return value
     */
    public static function items(\stdClass $course, ?array $kinds = null): array {
        global $DB;

        $kinds = $kinds === null ? self::KINDS : array_values(array_intersect(self::KINDS, $kinds));
        $mappings = items::all($course->id, array_values(array_diff($kinds, ['subject'])));
        $bykind = [];
        foreach ($mappings as $mapping) {
            $bykind[$mapping->kind][] = $mapping;
        }

        // Sections: all of the course's (also to name the section of activities).
        $sections = $DB->get_records('course_sections', ['course' => $course->id], '', 'id, section, name, summary, visible, availability');
        $sectionkeys = [];
        foreach (items::all($course->id, ['section']) as $mapping) {
            $sectionkeys[(int) $mapping->moodleid] = $mapping->itemkey;
        }

        $result = [];
        foreach ($bykind['section'] ?? [] as $mapping) {
            $item = self::base($mapping);
            $section = $sections[$mapping->moodleid] ?? null;
            if ($section) {
                $item['exists'] = true;
                $item['sectionnum'] = (int) $section->section;
                $item['name'] = (string) $section->name;
                $item['visible'] = (bool) $section->visible;
                $item['summary'] = (string) $section->summary;
                $item += restriction::from_json($section->availability);
            }
            $result[] = $item;
        }

        $cmids = [];
        foreach (array_keys(managed::MODULES) as $kind) {
            foreach ($bykind[$kind] ?? [] as $mapping) {
                $cmids[] = (int) $mapping->moodleid;
            }
        }
        $cms = [];
        if ($cmids) {
            [$insql, $params] = $DB->get_in_or_equal($cmids, SQL_PARAMS_NAMED);
            $cms = $DB->get_records_select('course_modules', "id $insql AND course = :courseid",
                $params + ['courseid' => $course->id], '', 'id, instance, section, visible, availability');
        }

        $assignmappings = $bykind['assignment'] ?? [];
        $assignids = [];
        foreach ($assignmappings as $mapping) {
            if (isset($cms[$mapping->moodleid])) {
                $assignids[] = (int) $cms[$mapping->moodleid]->instance;
            }
        }
        $assigns = self::records('assign', $assignids,
            'id, name, intro, allowsubmissionsfromdate, duedate, cutoffdate, gradingduedate');
        $filesettings = assignments::file_settings_many($assignids);
        foreach ($assignmappings as $mapping) {
            $item = self::base($mapping);
            $cm = $cms[$mapping->moodleid] ?? null;
            $assign = $cm ? ($assigns[$cm->instance] ?? null) : null;
            if ($cm && $assign) {
                $item = self::module_fields($item, $cm, $sections, $sectionkeys) + [
                    'name' => (string) $assign->name,
                    'summary' => (string) $assign->intro,
                    'allowsubmissionsfromdate' => (int) $assign->allowsubmissionsfromdate,
                    'duedate' => (int) $assign->duedate,
                    'cutoffdate' => (int) $assign->cutoffdate,
                    'gradingduedate' => (int) $assign->gradingduedate,
                    'maxfiles' => $filesettings[$assign->id]['maxfiles'],
                    'maxbytes' => $filesettings[$assign->id]['maxbytes'],
                    'filetypes' => $filesettings[$assign->id]['filetypes'],
                    'filesubmissions' => $filesettings[$assign->id]['enabled'],
                ];
            }
            $result[] = $item;
        }

        foreach (['resource', 'folder'] as $kind) {
            $mappingsofkind = $bykind[$kind] ?? [];
            $instanceids = [];
            foreach ($mappingsofkind as $mapping) {
                if (isset($cms[$mapping->moodleid])) {
                    $instanceids[] = (int) $cms[$mapping->moodleid]->instance;
                }
            }
            $instances = self::records($kind, $instanceids, 'id, name, intro');
            foreach ($mappingsofkind as $mapping) {
                $item = self::base($mapping);
                $cm = $cms[$mapping->moodleid] ?? null;
                $instance = $cm ? ($instances[$cm->instance] ?? null) : null;
                if ($cm && $instance) {
                    $context = \context_module::instance($cm->id);
                    $item = self::module_fields($item, $cm, $sections, $sectionkeys) + [
                        'name' => (string) $instance->name,
                        'summary' => (string) $instance->intro,
                        'files' => count(files::area_files($context->id, 'mod_' . $kind, 'content', 0)),
                    ];
                }
                $result[] = $item;
            }
        }

        $groupmappings = $bykind['group'] ?? [];
        $groupids = array_map(fn($mapping) => (int) $mapping->moodleid, $groupmappings);
        $groups = self::records('groups', $groupids, 'id, courseid, name, description');
        $members = [];
        if ($groupids) {
            [$insql, $params] = $DB->get_in_or_equal($groupids, SQL_PARAMS_NAMED);
            $rows = $DB->get_recordset_select('groups_members', "groupid $insql", $params, 'groupid, userid', 'id, groupid, userid');
            foreach ($rows as $row) {
                $members[(int) $row->groupid][] = (int) $row->userid;
            }
            $rows->close();
        }
        foreach ($groupmappings as $mapping) {
            $item = self::base($mapping);
            $group = $groups[$mapping->moodleid] ?? null;
            if ($group && (int) $group->courseid === (int) $course->id) {
                $item['exists'] = true;
                $item['name'] = (string) $group->name;
                $item['summary'] = (string) $group->description;
                $item['members'] = $members[$group->id] ?? [];
            }
            $result[] = $item;
        }

        $eventmappings = $bykind['event'] ?? [];
        $events = self::records('event', array_map(fn($mapping) => (int) $mapping->moodleid, $eventmappings),
            'id, courseid, name, description, timestart, timeduration, eventtype, groupid, visible');
        foreach ($eventmappings as $mapping) {
            $item = self::base($mapping);
            $event = $events[$mapping->moodleid] ?? null;
            if ($event && (int) $event->courseid === (int) $course->id) {
                $item['exists'] = true;
                $item['name'] = (string) $event->name;
                $item['summary'] = (string) $event->description;
                $item['visible'] = (bool) $event->visible;
                $item['timestart'] = (int) $event->timestart;
                $item['timeduration'] = (int) $event->timeduration;
                $item['eventtype'] = (string) $event->eventtype;
                $item['groupid'] = (int) $event->groupid;
            }
            $result[] = $item;
        }

        if (in_array('subject', $kinds, true)) {
            foreach ($DB->get_records(subjects::TABLE, ['courseid' => $course->id], 'sortorder, id') as $subject) {
                $result[] = [
                    'key' => $subject->itemkey,
                    'kind' => 'subject',
                    'exists' => true,
                    'id' => (int) $subject->id,
                    'name' => (string) $subject->title,
                    'summary' => (string) $subject->description,
                    'fingerprint' => (string) $subject->fingerprint,
                    'timemodified' => (int) $subject->timemodified,
                ];
            }
        }
        return $result;
    }

    /**
     * The fields every item has.
     *
     * @param \stdClass $mapping mapping record
     * @return array
     */
    private static function base(\stdClass $mapping): array {
        $item = [
            'key' => $mapping->itemkey,
            'kind' => $mapping->kind,
            'exists' => false,
            'id' => (int) $mapping->moodleid,
            'fingerprint' => (string) $mapping->fingerprint,
            'timemodified' => (int) $mapping->timemodified,
        ];
        if ($mapping->instanceid) {
            $item['instanceid'] = (int) $mapping->instanceid;
        }
        return $item;
    }

    /**
     * The fields of an activity that come from its course module.
     *
     * @param array $item the item so far
     * @param \stdClass $cm course_modules row
     * @param array $sections the course's sections by id
     * @param array $sectionkeys keys of managed sections by section id
     * @return array
     */
    private static function module_fields(array $item, \stdClass $cm, array $sections, array $sectionkeys): array {
        $item['exists'] = true;
        $item['instanceid'] = (int) $cm->instance;
        $item['visible'] = (bool) $cm->visible;
        if (isset($sections[$cm->section])) {
            $item['sectionnum'] = (int) $sections[$cm->section]->section;
        }
        if (isset($sectionkeys[(int) $cm->section])) {
            $item['sectionkey'] = $sectionkeys[(int) $cm->section];
        }
        return $item + restriction::from_json($cm->availability);
    }

    /**
     * Rows of a table by id (one query).
     *
     * @param string $table table name
     * @param int[] $ids ids
     * @param string $fields fields
     * @return array rows by id
     */
    private static function records(string $table, array $ids, string $fields): array {
        global $DB;
        if (!$ids) {
            return [];
        }
        [$insql, $params] = $DB->get_in_or_equal($ids, SQL_PARAMS_NAMED);
        return $DB->get_records_select($table, "id $insql", $params, '', $fields);
    }
}
