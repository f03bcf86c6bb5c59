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
 * Creation and general updates go through Moodle's module API: add_moduleinfo() (what
 * create_module() does once its checks passed; the batch makes those checks once, see
 * creation_checks()) and update_module(). An update always passes back the current
 * submission and feedback plugin settings, because update_module() turns off every plugin
 * whose "enabled" flag is missing (file submissions would silently stop).
 *
 * When only dates change, the assignment's dates are written and its calendar events refreshed
 * with mod_assign's own functions, without the per-item form path (which costs a gradebook
 * regrade and a course cache rebuild per assignment): the batch's moves are written in one
 * transaction, then the course cache is cleared once.
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
        $moves = [];
        $created = [];
        $known = self::prefetch($course->id, $items);
        $module = null;
        foreach (array_values($items) as $index => $item) {
            $results[$index] = $batch->run($item['key'], function () use ($course, $item, $known, &$moves, &$created, &$module) {
                return self::sync_one($course, $item, $known, $moves, $created, $module);
            });
        }
        if ($moves) {
            // Dates only: written together (one commit), then the course cache is cleared once.
            $works = [];
            foreach ($moves as $key => $move) {
                $works[$key] = function () use ($course, $move) {
                    self::move_dates($course, $move['cm'], $move['assign'], $move['dates']);
                    items::save($course->id, $move['key'], 'assignment', $move['cm']->id, $move['cm']->instance,
                        $move['fingerprint'], $move['mapping']);
                    return ['cmid' => (int) $move['cm']->id, 'assignid' => (int) $move['cm']->instance, 'status' => 'updated'];
                };
            }
            $moved = $batch->run_together($works);
            foreach ($results as $index => $result) {
                if (isset($moved[$result['key']]) && $result['status'] === 'pending') {
                    $results[$index] = $moved[$result['key']];
                }
            }
            rebuild_course_cache($course->id, true);
        }
        if ($created) {
            self::set_grades($course, $created);
        }
        return $results;
    }

    /**
     * What a batch needs to read, read once for all its items (a few queries instead of a dozen
     * per item): mappings of the items, their sections and groups; the sections, groups, course
     * modules, assign records and file submission settings they point to.
     *
     * @param int $courseid course id
     * @param array $items items as validated by the external function
     * @return array mappings (by key), sections (by id), groups (ids as keys), cms and assigns
     *     (by assign id), files (file_settings_many() by assign id)
     */
    private static function prefetch(int $courseid, array $items): array {
        global $DB;

        $keys = [];
        foreach ($items as $item) {
            $keys[] = $item['key'];
            $keys[] = $item['sectionkey'];
            if (isset($item['groupkey']) && $item['groupkey'] !== '') {
                $keys[] = $item['groupkey'];
            }
        }
        $known = ['mappings' => items::many($courseid, $keys), 'sections' => [], 'groups' => [], 'cms' => [], 'assigns' => [],
            'files' => []];
        $ids = ['section' => [], 'group' => [], 'assignment' => []];
        foreach ($known['mappings'] as $mapping) {
            if ($mapping && isset($ids[$mapping->kind])) {
                $ids[$mapping->kind][] = (int) $mapping->moodleid;
            }
        }
        if ($ids['section']) {
            [$insql, $params] = $DB->get_in_or_equal($ids['section'], SQL_PARAMS_NAMED);
            $known['sections'] = $DB->get_records_select('course_sections', "id $insql AND course = :courseid",
                $params + ['courseid' => $courseid]);
        }
        if ($ids['group']) {
            [$insql, $params] = $DB->get_in_or_equal($ids['group'], SQL_PARAMS_NAMED);
            $known['groups'] = array_flip(array_map('intval', $DB->get_fieldset_select('groups', 'id',
                "id $insql AND courseid = :courseid", $params + ['courseid' => $courseid])));
        }
        if ($ids['assignment']) {
            // The fields get_coursemodule_from_id() gives: cm.*, the module's name and the instance's name.
            [$insql, $params] = $DB->get_in_or_equal($ids['assignment'], SQL_PARAMS_NAMED);
            $cms = $DB->get_records_sql("SELECT cm.*, m.name AS modname, a.name AS name
                                           FROM {course_modules} cm
                                           JOIN {modules} m ON m.id = cm.module AND m.name = :modname
                                           JOIN {assign} a ON a.id = cm.instance
                                          WHERE cm.id $insql AND cm.course = :courseid",
                $params + ['modname' => 'assign', 'courseid' => $courseid]);
            foreach ($cms as $cm) {
                $known['cms'][(int) $cm->id] = $cm;
            }
            $assignids = array_map(fn($cm) => (int) $cm->instance, $cms);
            if ($assignids) {
                [$insql, $params] = $DB->get_in_or_equal($assignids, SQL_PARAMS_NAMED);
                $known['assigns'] = $DB->get_records_select('assign', "id $insql", $params);
                $known['files'] = self::file_settings_many($assignids);
            }
        }
        return $known;
    }

    /**
     * Create or update one assignment.
     *
     * @param \stdClass $course the course
     * @param array $item requested values
     * @param array $known what prefetch() read for the batch
     * @param array $moves dates-only changes, applied together after the batch, by key (by reference)
     * @param array $created what set_grades() completes after the batch, by assign id (by reference)
     * @param \stdClass|null $module mod_assign's modules record once the batch checked it may create (by reference)
     * @return array result fields (status 'pending' for a dates-only change)
     */
    private static function sync_one(\stdClass $course, array $item, array $known, array &$moves, array &$created,
            ?\stdClass &$module): array {
        global $DB;

        $sectionmapping = self::known_mapping($course->id, $known, $item['sectionkey'], 'section');
        $section = $sectionmapping ? ($known['sections'][$sectionmapping->moodleid] ?? null) : null;
        if (!$section) {
            throw new item_exception('unknownsectionkey', s($item['sectionkey']));
        }
        $restriction = restriction::requested($course->id, $item, $known['mappings'], $known['groups']);
        self::validate($item);

        $mapping = self::known_mapping($course->id, $known, $item['key'], 'assignment');
        $cm = $mapping ? ($known['cms'][$mapping->moodleid] ?? null) : null;
        if (!$cm) {
            // Created without a grade item: it comes after the batch, with one regrade for all.
            $moduleinfo = self::create($course, $section, ['grade' => 0] + $item, $restriction, $gradebookfeedback, $module);
            $created[(int) $moduleinfo->instance] = [
                'grade' => (int) ($item['grade'] ?? 100),
                'feedback' => $gradebookfeedback,
                'moduleinfo' => $moduleinfo,
            ];
            items::save($course->id, $item['key'], 'assignment', $moduleinfo->coursemodule, $moduleinfo->instance,
                $item['fingerprint'] ?? null);
            return ['cmid' => (int) $moduleinfo->coursemodule, 'assignid' => (int) $moduleinfo->instance, 'status' => 'created'];
        }

        $assign = $known['assigns'][$cm->instance] ?? $DB->get_record('assign', ['id' => $cm->instance], '*', MUST_EXIST);
        $file = $known['files'][$cm->instance] ?? self::file_settings((int) $cm->instance);
        $changes = self::changes($cm, $assign, $file, $section, $item, $restriction);
        $changed = false;
        if ($changes['other']) {
            self::update($course, $cm, $section, $item, $restriction, $changes['other']);
            $changed = true;
        } else if ($changes['dates']) {
            $moves[$item['key']] = ['key' => $item['key'], 'cm' => $cm, 'assign' => $assign, 'dates' => $changes['dates'],
                'mapping' => $mapping, 'fingerprint' => $item['fingerprint'] ?? null];
            return ['cmid' => (int) $cm->id, 'assignid' => (int) $cm->instance, 'status' => 'pending'];
        }
        if ($changed || items::fingerprint_changed($mapping, $item['fingerprint'] ?? null)) {
            items::save($course->id, $item['key'], 'assignment', $cm->id, $cm->instance, $item['fingerprint'] ?? null);
            $changed = true;
        }
        return ['cmid' => (int) $cm->id, 'assignid' => (int) $cm->instance, 'status' => $changed ? 'updated' : 'unchanged'];
    }

    /**
     * The mapping of a key from the prefetched ones (as items::get_of_kind()).
     *
     * @param int $courseid course id
     * @param array $known what prefetch() read
     * @param string $key the key
     * @param string $kind expected kind
     * @return \stdClass|null
     */
    private static function known_mapping(int $courseid, array $known, string $key, string $kind): ?\stdClass {
        if (!array_key_exists($key, $known['mappings'])) {
            return items::get_of_kind($courseid, $key, $kind);
        }
        $mapping = $known['mappings'][$key];
        if ($mapping && $mapping->kind !== $kind) {
            throw new item_exception('invalidkey', (object) ['key' => s($key), 'kind' => $mapping->kind], 'invalidkey_kind');
        }
        return $mapping;
    }

    /**
     * Give the assignments created by a batch their grade item, then regrade the course once.
     *
     * With Moodle's default "Natural" aggregation, every grade item added to a course triggers
     * a synchronous regrade inside create_module() that rewrites the weights of all the course's
     * grade items (and rebuilds the course cache): creating N assignments one by one costs N
     * regrades of a growing gradebook. An assignment gets a grade item when it is graded, and
     * also when ungraded but with the gradebook's feedback plugin (feedback comments) enabled.
     * Assignments are therefore created ungraded with that feedback plugin off; here each gets
     * the plugin back (mod_assign's own plugin API, with the settings create_module() would
     * have saved), its maximum grade and its grade item (mod_assign's own gradebook update),
     * then the course is regraded once, leaving the gradebook as create_module() would.
     *
     * @param \stdClass $course the course
     * @param array $created by assign id: grade, feedback (the gradebook feedback plugin's
     *     type to enable, or ''), moduleinfo (as given to create_module)
     */
    private static function set_grades(\stdClass $course, array $created): void {
        global $CFG, $DB;
        require_once($CFG->libdir . '/gradelib.php');

        [$insql, $params] = $DB->get_in_or_equal(array_keys($created));
        $assigns = $DB->get_records_select('assign', "id $insql", $params);
        $cms = [];
        foreach (get_fast_modinfo($course->id)->get_instances_of('assign') as $instanceid => $cminfo) {
            if (isset($created[$instanceid])) {
                $cms[$instanceid] = $cminfo->get_course_module_record(true);
            }
        }
        foreach ($created as $assignid => $info) {
            $assign = $assigns[$assignid] ?? null;
            $cm = $cms[$assignid] ?? null;
            if (!$assign || !$cm) {
                continue;
            }
            if ($info['feedback'] !== '') {
                $assignment = new \assign(\context_module::instance($cm->id), $cm, $course);
                $plugin = $assignment->get_feedback_plugin_by_type($info['feedback']);
                if ($plugin) {
                    $plugin->enable();
                    $plugin->save_settings($info['moduleinfo']);
                }
            }
            $grade = (int) $info['grade'];
            if ($grade !== 0) {
                $DB->set_field('assign', 'grade', $grade, ['id' => $assignid]);
            }
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
     * What create_module() checks before adding a module (can_add_moduleinfo()), once for a batch.
     *
     * create_module() is can_add_moduleinfo() then add_moduleinfo(); can_add_moduleinfo() reads
     * the course's modinfo to find the section, which in a course just changed by the previous
     * creation means rebuilding the whole course cache (one query per activity): once per
     * assignment, half of what creating assignments costs in a full course. The batch makes the
     * same checks once (the module is installed and allowed in the course, the caller may manage
     * activities); the section of each item is a course_sections record of the course.
     *
     * @param \stdClass $course the course
     * @return \stdClass the modules record of mod_assign
     */
    private static function creation_checks(\stdClass $course): \stdClass {
        global $DB;
        $module = $DB->get_record('modules', ['name' => 'assign'], '*', MUST_EXIST);
        require_capability('moodle/course:manageactivities', \context_course::instance($course->id));
        if (!course_allowed_module($course, $module->name)) {
            throw new \moodle_exception('moduledisable');
        }
        return $module;
    }

    /**
     * Create the assignment with add_moduleinfo(), as create_module() does after its checks.
     *
     * @param \stdClass $course the course
     * @param \stdClass $section the section record
     * @param array $item requested values
     * @param array|null $restriction requested restriction
     * @param string $gradebookfeedback set to the type of the gradebook's feedback plugin when it
     *     is to be enabled after the batch (created off, see set_grades()), else ''
     * @param \stdClass|null $module the modules record from creation_checks() (by reference: made
     *     on the first creation of the batch)
     * @return \stdClass the module info returned by add_moduleinfo()
     */
    private static function create(\stdClass $course, \stdClass $section, array $item, ?array $restriction,
            ?string &$gradebookfeedback = null, ?\stdClass &$module = null): \stdClass {
        global $DB;
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
        // The gradebook's feedback plugin would give the ungraded assignment a grade item (and
        // the course a regrade): it is enabled after the batch by set_grades().
        $gradebookfeedback = '';
        $feedbackfield = get_config('assign', 'feedback_plugin_for_gradebook') . '_enabled';
        if (str_starts_with($feedbackfield, 'assignfeedback_') && !empty($moduleinfo->$feedbackfield)) {
            $gradebookfeedback = substr($feedbackfield, strlen('assignfeedback_'), -strlen('_enabled'));
            $moduleinfo->$feedbackfield = 0;
        }
        $module ??= self::creation_checks($course);
        $moduleinfo->module = $module->id;
        // As create_module(): the course record as it is now.
        $result = add_moduleinfo($moduleinfo, $DB->get_record('course', ['id' => $course->id], '*', MUST_EXIST));
        if ($gradebookfeedback !== '') {
            $result->$feedbackfield = 1;
        }
        return $result;
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
     * @param \stdClass $cm the course module
     * @param \stdClass $assign the assign record
     * @param array $file the assignment's file submission settings (file_settings())
     * @param \stdClass $section the requested section
     * @param array $item requested values
     * @param array|null $restriction requested restriction
     * @return array ['dates' => [field => value], 'other' => [what => true]]
     */
    private static function changes(\stdClass $cm, \stdClass $assign, array $file, \stdClass $section,
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
     * (also those of overrides); the caller clears the course cache once for the batch.
     *
     * @param \stdClass $course the course
     * @param \stdClass $cm the course module (as get_coursemodule_from_id() gives it)
     * @param \stdClass $assign the assign record before the change
     * @param array $dates date fields and their new values
     */
    private static function move_dates(\stdClass $course, \stdClass $cm, \stdClass $assign, array $dates): void {
        global $DB;
        $record = (object) (['id' => $cm->instance, 'timemodified' => time()] + $dates);
        $DB->update_record('assign', $record);
        $assign = (object) ((array) $record + (array) $assign);
        assign_prepare_update_events($assign, $course, $cm);
        \core\event\course_module_updated::create_from_cm($cm)->trigger();
    }
}
