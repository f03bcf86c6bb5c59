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

defined('MOODLE_INTERNAL') || die();

global $CFG;
require_once($CFG->dirroot . '/course/lib.php');
require_once($CFG->dirroot . '/course/modlib.php');
require_once($CFG->dirroot . '/mod/assign/lib.php');
require_once($CFG->dirroot . '/mod/assign/locallib.php');

/**
 * File-submission assignments managed by key.
 *
 * Creation and general updates go through Moodle's module API (create_module / update_module).
 * An update always passes back the current submission and feedback plugin settings, because
 * update_module() turns off every plugin whose "enabled" flag is missing (file submissions
 * would silently stop).
 *
 * When only dates change, the assignment's dates are written and its calendar events refreshed
 * with mod_assign's own functions, without the per-item form path (which costs a gradebook
 * regrade and a course cache rebuild per assignment); the course cache is then rebuilt once
 * for the whole batch.
 *
 * @package    local_thesisdesk
 * @copyright  2026 ThesisDesk
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class assignments {
    /** @var string[] the date fields */
    const DATES = ['allowsubmissionsfromdate', 'duedate', 'cutoffdate', 'gradingduedate'];

    /** @var string[] fields of the assign table an item may set directly */
    const SETTINGS = ['requiresubmissionstatement', 'sendnotifications', 'sendlatenotifications', 'grade'];

    /**
     * Create or update assignments.
     *
     * @param \stdClass $course the course
     * @param array $items items as validated by the external function
     * @return array results in the order of the items
     */
    public static function sync(\stdClass $course, array $items): array {
        $batch = new batch();
        $results = [];
        $touched = [];
        $grades = [];
        foreach ($items as $item) {
            $results[] = $batch->run($item['key'], function () use ($course, $item, &$touched, &$grades) {
                return self::sync_one($course, $item, $touched, $grades);
            });
        }
        if ($grades) {
            self::set_grades($course, $grades);
        }
        if ($touched) {
            // Dates written directly: one partial course cache rebuild for the whole batch.
            foreach (array_keys($touched) as $cmid) {
                \course_modinfo::purge_course_module_cache($course->id, $cmid);
            }
            rebuild_course_cache($course->id, true, true);
        }
        return $results;
    }

    /**
     * Create or update one assignment.
     *
     * @param \stdClass $course the course
     * @param array $item requested values
     * @param array $touched course module ids whose cache entry must be rebuilt (by reference)
     * @param array $grades maximum grades to set after the batch, by assign id (by reference)
     * @return array result fields
     */
    private static function sync_one(\stdClass $course, array $item, array &$touched, array &$grades): array {
        global $DB;

        $section = sections::mapped_section($course->id, items::get_of_kind($course->id, $item['sectionkey'], 'section'));
        if (!$section) {
            throw new item_exception('unknownsectionkey', s($item['sectionkey']));
        }
        $restriction = restriction::requested($course->id, $item);
        self::validate($item);

        $mapping = items::get_of_kind($course->id, $item['key'], 'assignment');
        $cm = $mapping ? get_coursemodule_from_id('assign', $mapping->moodleid, $course->id) : false;
        if (!$cm) {
            $grade = (int) ($item['grade'] ?? 100);
            // Created ungraded: the grade item comes after the batch, with one regrade for all.
            $moduleinfo = self::create($course, $section, ['grade' => 0] + $item, $restriction);
            if ($grade !== 0) {
                $grades[(int) $moduleinfo->instance] = $grade;
            }
            items::save($course->id, $item['key'], 'assignment', $moduleinfo->coursemodule, $moduleinfo->instance,
                $item['fingerprint'] ?? null);
            return ['cmid' => (int) $moduleinfo->coursemodule, 'assignid' => (int) $moduleinfo->instance, 'status' => 'created'];
        }

        $assign = $DB->get_record('assign', ['id' => $cm->instance], '*', MUST_EXIST);
        $changes = self::changes($course, $cm, $assign, $section, $item, $restriction);
        $changed = false;
        if ($changes['other']) {
            self::update($course, $cm, $section, $item, $restriction, $changes['other']);
            $changed = true;
        } else if ($changes['dates']) {
            self::move_dates($course, $cm, $changes['dates']);
            $touched[$cm->id] = true;
            $changed = true;
        }
        if ($changed || items::fingerprint_changed($mapping, $item['fingerprint'] ?? null)) {
            items::save($course->id, $item['key'], 'assignment', $cm->id, $cm->instance, $item['fingerprint'] ?? null);
            $changed = true;
        }
        return ['cmid' => (int) $cm->id, 'assignid' => (int) $cm->instance, 'status' => $changed ? 'updated' : 'unchanged'];
    }

    /**
     * Give the assignments created by a batch their maximum grade, then regrade the course once.
     *
     * With Moodle's default "Natural" aggregation, every graded activity added to a course
     * triggers a synchronous regrade that rewrites the weights of all the course's grade items:
     * creating N assignments one by one costs N regrades of a growing gradebook. Assignments are
     * therefore created ungraded, and here each gets its grade (mod_assign's own gradebook
     * update), then the course is regraded once, leaving the gradebook as create_module() would.
     *
     * @param \stdClass $course the course
     * @param array $grades maximum grade by assign id
     */
    private static function set_grades(\stdClass $course, array $grades): void {
        global $CFG, $DB;
        require_once($CFG->libdir . '/gradelib.php');

        foreach ($grades as $assignid => $grade) {
            $assign = $DB->get_record('assign', ['id' => $assignid]);
            $cm = $assign ? get_coursemodule_from_instance('assign', $assignid, $course->id) : false;
            if (!$cm) {
                continue;
            }
            $DB->set_field('assign', 'grade', $grade, ['id' => $assignid]);
            $assign->grade = $grade;
            $assign->cmidnumber = (string) $cm->idnumber;
            $assign->courseid = $course->id;
            assign_grade_item_update($assign);
            $gradeitem = \grade_item::fetch(['itemtype' => 'mod', 'itemmodule' => 'assign', 'iteminstance' => $assignid,
                'itemnumber' => 0, 'courseid' => $course->id]);
            if ($gradeitem) {
                $category = $gradeitem->get_parent_category();
                if ($gradeitem->set_aggregation_fields_for_aggregation(0, $category->aggregation)) {
                    $gradeitem->update();
                }
            }
        }
        grade_regrade_final_grades($course->id);
    }

    /**
     * Reject values Moodle would store but that make no sense.
     *
     * @param array $item requested values
     */
    private static function validate(array $item): void {
        if (isset($item['maxfiles']) && ($item['maxfiles'] < 1 || $item['maxfiles'] > 100)) {
            throw new item_exception('invalidmaxfiles', (int) $item['maxfiles']);
        }
        foreach (self::DATES as $field) {
            if (isset($item[$field]) && $item[$field] < 0) {
                throw new item_exception('invaliddate', $field);
            }
        }
        if (!empty($item['duedate']) && !empty($item['cutoffdate']) && $item['cutoffdate'] < $item['duedate']) {
            throw new item_exception('cutoffbeforedue');
        }
        if (!empty($item['duedate']) && !empty($item['allowsubmissionsfromdate'])
                && $item['duedate'] < $item['allowsubmissionsfromdate']) {
            throw new item_exception('duebeforeallow');
        }
    }

    /**
     * Create the assignment with create_module().
     *
     * @param \stdClass $course the course
     * @param \stdClass $section the section record
     * @param array $item requested values
     * @param array|null $restriction requested restriction
     * @return \stdClass the module info returned by create_module()
     */
    private static function create(\stdClass $course, \stdClass $section, array $item, ?array $restriction): \stdClass {
        $config = get_config('assign');
        $fileconfig = get_config('assignsubmission_file');
        $moduleinfo = (object) [
            'modulename' => 'assign',
            'course' => $course->id,
            'section' => (int) $section->section,
            'visible' => isset($item['visible']) ? (int) $item['visible'] : 1,
            'visibleoncoursepage' => 1,
            'name' => $item['name'],
            'introeditor' => ['text' => $item['intro'] ?? '', 'format' => $item['introformat'] ?? FORMAT_HTML, 'itemid' => 0],
            'showdescription' => 0,
            'cmidnumber' => '',
            'groupmode' => NOGROUPS,
            'groupingid' => 0,
            'completion' => COMPLETION_TRACKING_NONE,
            'alwaysshowdescription' => 1,
            'submissiondrafts' => (int) ($config->submissiondrafts ?? 0),
            'requiresubmissionstatement' => (int) ($config->requiresubmissionstatement ?? 0),
            'sendnotifications' => (int) ($config->sendnotifications ?? 0),
            'sendlatenotifications' => (int) ($config->sendlatenotifications ?? 0),
            'sendstudentnotifications' => (int) ($config->sendstudentnotifications ?? 1),
            'allowsubmissionsfromdate' => 0,
            'duedate' => 0,
            'cutoffdate' => 0,
            'gradingduedate' => 0,
            'grade' => 100,
            'teamsubmission' => 0,
            'requireallteammemberssubmit' => 0,
            'teamsubmissiongroupingid' => 0,
            'blindmarking' => 0,
            'hidegrader' => 0,
            'attemptreopenmethod' => $config->attemptreopenmethod ?? 'untilpass',
            'maxattempts' => (int) ($config->maxattempts ?? 1),
            'markingworkflow' => 0,
            'markingallocation' => 0,
            'markinganonymous' => 0,
            'preventsubmissionnotingroup' => 0,
            'activityformat' => 0,
            'timelimit' => 0,
            'submissionattachments' => 0,
            'gradepenalty' => 0,
            'assignsubmission_file_enabled' => 1,
            'assignsubmission_file_maxfiles' => (int) ($fileconfig->maxfiles ?? 20),
            'assignsubmission_file_maxsizebytes' => (int) ($fileconfig->maxbytes ?? 0),
            'assignsubmission_file_filetypes' => (string) ($fileconfig->filetypes ?? ''),
            'assignsubmission_onlinetext_enabled' => 0,
            'assignsubmission_comments_enabled' => 1,
            'assignfeedback_comments_enabled' => 1,
            'assignfeedback_comments_commentinline' => 0,
            'assignfeedback_file_enabled' => 0,
            'assignfeedback_offline_enabled' => 0,
            'assignfeedback_editpdf_enabled' => (int) get_config('assignfeedback_editpdf', 'default'),
        ];
        foreach (array_merge(self::DATES, self::SETTINGS) as $field) {
            if (isset($item[$field])) {
                $moduleinfo->$field = (int) $item[$field];
            }
        }
        self::apply_file_settings($moduleinfo, $item);
        if ($restriction !== null) {
            $moduleinfo->availability = restriction::to_json($restriction);
        }
        return create_module($moduleinfo);
    }

    /**
     * Copy the file submission settings of an item into module info.
     *
     * @param \stdClass $moduleinfo module info
     * @param array $item requested values
     */
    private static function apply_file_settings(\stdClass $moduleinfo, array $item): void {
        if (isset($item['maxfiles'])) {
            $moduleinfo->assignsubmission_file_maxfiles = (int) $item['maxfiles'];
        }
        if (isset($item['maxbytes'])) {
            $moduleinfo->assignsubmission_file_maxsizebytes = (int) $item['maxbytes'];
        }
        if (isset($item['filetypes'])) {
            $moduleinfo->assignsubmission_file_filetypes = $item['filetypes'];
        }
    }

    /**
     * What an item changes on an existing assignment.
     *
     * @param \stdClass $course the course
     * @param \stdClass $cm the course module
     * @param \stdClass $assign the assign record
     * @param \stdClass $section the requested section
     * @param array $item requested values
     * @param array|null $restriction requested restriction
     * @return array ['dates' => [field => value], 'other' => [what => true]]
     */
    private static function changes(\stdClass $course, \stdClass $cm, \stdClass $assign, \stdClass $section,
            array $item, ?array $restriction): array {
        $dates = [];
        foreach (self::DATES as $field) {
            if (isset($item[$field]) && (int) $assign->$field !== (int) $item[$field]) {
                $dates[$field] = (int) $item[$field];
            }
        }
        $other = [];
        if ($assign->name !== $item['name']) {
            $other['name'] = true;
        }
        if (isset($item['intro']) && ((string) $assign->intro !== $item['intro']
                || (int) $assign->introformat !== (int) ($item['introformat'] ?? FORMAT_HTML))) {
            $other['intro'] = true;
        }
        foreach (self::SETTINGS as $field) {
            if (isset($item[$field]) && (int) $assign->$field !== (int) $item[$field]) {
                $other[$field] = true;
            }
        }
        if (isset($item['visible']) && (bool) $cm->visible !== (bool) $item['visible']) {
            $other['visible'] = true;
        }
        if ($restriction !== null && !restriction::matches($cm->availability, $restriction)) {
            $other['availability'] = true;
        }
        if ((int) $cm->section !== (int) $section->id) {
            $other['section'] = true;
        }
        $file = self::file_settings((int) $assign->id);
        if (!$file['enabled']) {
            // Someone turned file submissions off: ThesisDesk's deposits need them.
            $other['filesubmissions'] = true;
        }
        if (isset($item['maxfiles']) && $file['maxfiles'] !== (int) $item['maxfiles']) {
            $other['maxfiles'] = true;
        }
        if (isset($item['maxbytes']) && $file['maxbytes'] !== (int) $item['maxbytes']) {
            $other['maxbytes'] = true;
        }
        if (isset($item['filetypes']) && $file['filetypes'] !== $item['filetypes']) {
            $other['filetypes'] = true;
        }
        return ['dates' => $dates, 'other' => $other];
    }

    /**
     * The file submission settings of an assignment.
     *
     * @param int $assignid assign id
     * @return array enabled, maxfiles, maxbytes, filetypes
     */
    public static function file_settings(int $assignid): array {
        return self::file_settings_many([$assignid])[$assignid];
    }

    /**
     * The file submission settings of several assignments (one query).
     *
     * @param int[] $assignids assign ids
     * @return array keyed by assign id: enabled, maxfiles, maxbytes, filetypes
     */
    public static function file_settings_many(array $assignids): array {
        global $DB;
        $result = [];
        foreach ($assignids as $id) {
            $result[$id] = ['enabled' => false, 'maxfiles' => 0, 'maxbytes' => 0, 'filetypes' => ''];
        }
        if (!$assignids) {
            return $result;
        }
        [$insql, $params] = $DB->get_in_or_equal($assignids, SQL_PARAMS_NAMED);
        $params['plugin'] = 'file';
        $params['subtype'] = 'assignsubmission';
        $rows = $DB->get_recordset_select('assign_plugin_config',
            "assignment $insql AND plugin = :plugin AND subtype = :subtype", $params, '', 'id, assignment, name, value');
        foreach ($rows as $row) {
            $id = (int) $row->assignment;
            switch ($row->name) {
                case 'enabled':
                    $result[$id]['enabled'] = (bool) $row->value;
                    break;
                case 'maxfilesubmissions':
                    $result[$id]['maxfiles'] = (int) $row->value;
                    break;
                case 'maxsubmissionsizebytes':
                    $result[$id]['maxbytes'] = (int) $row->value;
                    break;
                case 'filetypeslist':
                    $result[$id]['filetypes'] = (string) $row->value;
                    break;
            }
        }
        $rows->close();
        return $result;
    }

    /**
     * Update an assignment with update_module(), keeping every setting not asked to change.
     *
     * @param \stdClass $course the course
     * @param \stdClass $cm the course module
     * @param \stdClass $section the requested section
     * @param array $item requested values
     * @param array|null $restriction requested restriction
     * @param array $what what changes (keys of changes()['other'])
     */
    private static function update(\stdClass $course, \stdClass $cm, \stdClass $section, array $item,
            ?array $restriction, array $what): void {
        global $DB;

        if (isset($what['section'])) {
            moveto_module($cm, $section);
            $cm = get_coursemodule_from_id('assign', $cm->id, $course->id, false, MUST_EXIST);
        }
        [$cm, $context, , $data] = get_moduleinfo_data($cm, $course);

        // The current plugin settings: update_module() disables every plugin not flagged enabled.
        $assign = new \assign($context, $cm, $course);
        foreach ($assign->get_submission_plugins() as $plugin) {
            $data->{'assignsubmission_' . $plugin->get_type() . '_enabled'} = (int) $plugin->is_enabled();
        }
        foreach ($assign->get_feedback_plugins() as $plugin) {
            $data->{'assignfeedback_' . $plugin->get_type() . '_enabled'} = (int) $plugin->is_enabled();
        }
        $file = self::file_settings((int) $cm->instance);
        $data->assignsubmission_file_enabled = 1;
        $data->assignsubmission_file_maxfiles = $file['maxfiles'] ?: (int) (get_config('assignsubmission_file', 'maxfiles') ?: 20);
        $data->assignsubmission_file_maxsizebytes = $file['maxbytes'];
        $data->assignsubmission_file_filetypes = $file['filetypes'];
        if ($onlinetext = $assign->get_submission_plugin_by_type('onlinetext')) {
            $data->assignsubmission_onlinetext_wordlimit = (int) $onlinetext->get_config('wordlimit');
            $data->assignsubmission_onlinetext_wordlimit_enabled = (int) $onlinetext->get_config('wordlimitenabled');
        }
        if ($comments = $assign->get_feedback_plugin_by_type('comments')) {
            $data->assignfeedback_comments_commentinline = (int) $comments->get_config('commentinline');
        }

        $data->name = $item['name'];
        if (isset($item['intro'])) {
            $data->introeditor = [
                'text' => $item['intro'],
                'format' => (int) ($item['introformat'] ?? FORMAT_HTML),
                'itemid' => $data->introeditor['itemid'] ?? 0,
            ];
        }
        foreach (array_merge(self::DATES, self::SETTINGS) as $field) {
            if (isset($item[$field])) {
                $data->$field = (int) $item[$field];
            }
        }
        self::apply_file_settings($data, $item);
        if (isset($item['visible'])) {
            $data->visible = (int) $item['visible'];
        }
        if ($restriction !== null) {
            $data->availabilityconditionsjson = (string) restriction::to_json($restriction);
        }
        update_module($data);
    }

    /**
     * Move the dates of an assignment without the form path.
     *
     * The dates are written to the assignment, then mod_assign refreshes its calendar events
     * (also those of overrides); the caller rebuilds the course cache once for the batch.
     *
     * @param \stdClass $course the course
     * @param \stdClass $cm the course module
     * @param array $dates date fields and their new values
     */
    private static function move_dates(\stdClass $course, \stdClass $cm, array $dates): void {
        global $DB;
        $record = (object) (['id' => $cm->instance, 'timemodified' => time()] + $dates);
        $DB->update_record('assign', $record);
        $assign = $DB->get_record('assign', ['id' => $cm->instance], '*', MUST_EXIST);
        assign_prepare_update_events($assign, $course, $cm);
        \core\event\course_module_updated::create_from_cm($cm)->trigger();
    }
}
