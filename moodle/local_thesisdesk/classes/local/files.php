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
require_once($CFG->libdir . '/resourcelib.php');
require_once($CFG->dirroot . '/mod/resource/locallib.php');

/**
 * Files published in a resource or a folder by key, from the caller's draft area.
 *
 * Replacing the files keeps the same activity (same course module, same links).
 *
 * @package    local_thesisdesk
 * @copyright  2026 ThesisDesk
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class files {
    /**
     * Create or update resources and folders.
     *
     * @param \stdClass $course the course
     * @param array $items items as validated by the external function
     * @return array results in the order of the items
     */
    public static function publish(\stdClass $course, array $items): array {
        $batch = new batch();
        $results = [];
        foreach ($items as $item) {
            $results[] = $batch->run($item['key'], fn() => self::publish_one($course, $item));
        }
        return $results;
    }

    /**
     * The files of a file area as path => content hash (directories left out).
     *
     * @param int $contextid context id
     * @param string $component component
     * @param string $filearea file area
     * @param int $itemid item id
     * @return array
     */
    public static function area_files(int $contextid, string $component, string $filearea, int $itemid): array {
        $result = [];
        foreach (get_file_storage()->get_area_files($contextid, $component, $filearea, $itemid, 'filepath, filename', false)
                as $file) {
            $result[$file->get_filepath() . $file->get_filename()] = $file->get_contenthash();
        }
        ksort($result);
        return $result;
    }

    /**
     * Create or update one resource or folder.
     *
     * @param \stdClass $course the course
     * @param array $item requested values
     * @return array result fields
     */
    private static function publish_one(\stdClass $course, array $item): array {
        global $USER;

        $type = $item['type'];
        if (!in_array($type, ['resource', 'folder'], true)) {
            throw new item_exception('invalidtype', s($type));
        }
        if ($item['sectionkey'] === '') {
            $sectionnum = 0;
            $sectionid = (int) get_fast_modinfo($course)->get_section_info(0)->id;
        } else {
            $section = sections::mapped_section($course->id, items::get_of_kind($course->id, $item['sectionkey'], 'section'));
            if (!$section) {
                throw new item_exception('unknownsectionkey', s($item['sectionkey']));
            }
            $sectionnum = (int) $section->section;
            $sectionid = (int) $section->id;
        }
        $usercontext = \context_user::instance($USER->id);
        $draft = self::area_files($usercontext->id, 'user', 'draft', (int) $item['draftitemid']);
        if (!$draft) {
            throw new item_exception('nofiles', (int) $item['draftitemid']);
        }

        $mapping = items::get($course->id, $item['key']);
        if ($mapping && !in_array($mapping->kind, ['resource', 'folder'], true)) {
            throw new item_exception('invalidkey', (object) ['key' => s($item['key']), 'kind' => $mapping->kind], 'invalidkey_kind');
        }
        $cm = $mapping ? get_coursemodule_from_id($mapping->kind, $mapping->moodleid, $course->id) : false;
        if ($cm && $cm->modname !== $type) {
            throw new item_exception('invalidkey', (object) ['key' => s($item['key']), 'kind' => $cm->modname], 'invalidkey_kind');
        }

        if (!$cm) {
            $moduleinfo = self::create($course, $sectionnum, $item);
            items::save($course->id, $item['key'], $type, $moduleinfo->coursemodule, $moduleinfo->instance,
                $item['fingerprint'] ?? null);
            return ['cmid' => (int) $moduleinfo->coursemodule, 'files' => count($draft), 'status' => 'created'];
        }

        $context = \context_module::instance($cm->id);
        $filesdiffer = self::area_files($context->id, 'mod_' . $type, 'content', 0) !== $draft;
        $instance = get_coursemodule_from_id($type, $cm->id, $course->id, false, MUST_EXIST);
        [$cm, , , $data] = get_moduleinfo_data($instance, $course);
        $changed = $filesdiffer || $data->name !== $item['name']
            || (isset($item['intro']) && (string) $data->intro !== $item['intro'])
            || (isset($item['visible']) && (bool) $cm->visible !== (bool) $item['visible'])
            || (int) $cm->section !== $sectionid;
        if ($changed) {
            if ((int) $cm->section !== $sectionid) {
                moveto_module($cm, (object) ['id' => $sectionid, 'section' => $sectionnum, 'course' => $course->id]);
                [$cm, , , $data] = get_moduleinfo_data(get_coursemodule_from_id($type, $cm->id), $course);
            }
            $data->name = $item['name'];
            if (isset($item['intro'])) {
                $data->introeditor = ['text' => $item['intro'], 'format' => FORMAT_HTML, 'itemid' => $data->introeditor['itemid'] ?? 0];
            }
            if (isset($item['visible'])) {
                $data->visible = (int) $item['visible'];
            }
            $data->files = (int) $item['draftitemid'];
            if ($type === 'resource') {
                // What the edit form would show: update_module() rebuilds the display options from these.
                $options = empty($data->displayoptions) ? [] : (array) unserialize_array($data->displayoptions);
                foreach (['printintro', 'showsize', 'showtype', 'showdate', 'popupwidth', 'popupheight'] as $option) {
                    if (isset($options[$option])) {
                        $data->$option = $options[$option];
                    }
                }
            }
            update_module($data);
            if ($type === 'folder' && $filesdiffer) {
                // folder_update_instance() only takes files from a submitted form: save them here.
                file_save_draft_area_files((int) $item['draftitemid'], $context->id, 'mod_folder', 'content', 0,
                    ['subdirs' => true]);
            }
        }
        if ($changed || items::fingerprint_changed($mapping, $item['fingerprint'] ?? null)) {
            items::save($course->id, $item['key'], $type, $cm->id, $cm->instance, $item['fingerprint'] ?? null);
            $changed = true;
        }
        return ['cmid' => (int) $cm->id, 'files' => count($draft), 'status' => $changed ? 'updated' : 'unchanged'];
    }

    /**
     * Create the resource or folder with create_module().
     *
     * @param \stdClass $course the course
     * @param int $sectionnum section number
     * @param array $item requested values
     * @return \stdClass module info
     */
    private static function create(\stdClass $course, int $sectionnum, array $item): \stdClass {
        $moduleinfo = (object) [
            'modulename' => $item['type'],
            'course' => $course->id,
            'section' => $sectionnum,
            'visible' => isset($item['visible']) ? (int) $item['visible'] : 1,
            'visibleoncoursepage' => 1,
            'name' => $item['name'],
            'introeditor' => ['text' => $item['intro'] ?? '', 'format' => FORMAT_HTML, 'itemid' => 0],
            'showdescription' => 0,
            'cmidnumber' => '',
            'groupmode' => NOGROUPS,
            'groupingid' => 0,
            'completion' => COMPLETION_TRACKING_NONE,
            'files' => (int) $item['draftitemid'],
        ];
        if ($item['type'] === 'resource') {
            $config = get_config('resource');
            $moduleinfo->display = (int) ($config->display ?? RESOURCELIB_DISPLAY_AUTO);
            $moduleinfo->printintro = (int) ($config->printintro ?? 1);
            $moduleinfo->showsize = (int) ($config->showsize ?? 0);
            $moduleinfo->showtype = (int) ($config->showtype ?? 0);
            $moduleinfo->showdate = (int) ($config->showdate ?? 0);
            $moduleinfo->popupwidth = (int) ($config->popupwidth ?? 620);
            $moduleinfo->popupheight = (int) ($config->popupheight ?? 450);
            $moduleinfo->filterfiles = (int) ($config->filterfiles ?? 0);
            $moduleinfo->revision = 1;
            $moduleinfo->tobemigrated = 0;
            $moduleinfo->legacyfiles = 0;
        } else {
            $config = get_config('folder');
            $moduleinfo->display = 0;
            $moduleinfo->showexpanded = (int) ($config->showexpanded ?? 1);
            $moduleinfo->showdownloadfolder = 1;
            $moduleinfo->forcedownload = 1;
            $moduleinfo->revision = 1;
        }
        return create_module($moduleinfo);
    }
}
