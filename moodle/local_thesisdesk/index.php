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
 * The published thesis subjects of a course, for the people enrolled in it.
 *
 * @package    local_thesisdesk
 * @copyright  2026 ThesisDesk
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

require_once(__DIR__ . '/../../config.php');

$courseid = required_param('courseid', PARAM_INT);
$course = get_course($courseid);
require_login($course);
$context = context_course::instance($course->id);

$PAGE->set_url(new moodle_url('/local/thesisdesk/index.php', ['courseid' => $course->id]));
$PAGE->set_context($context);
$PAGE->set_pagelayout('incourse');
$title = get_string('subjectcatalogue', 'local_thesisdesk');
$PAGE->set_title($title . moodle_page::TITLE_SEPARATOR . format_string($course->shortname, true, ['context' => $context]));
$PAGE->set_heading(format_string($course->fullname, true, ['context' => $context]));
$PAGE->navbar->add($title);

$subjects = $DB->get_records('local_thesisdesk_subjects', ['courseid' => $course->id], 'sortorder, title, id');

echo $OUTPUT->header();
echo $OUTPUT->heading($title);
if (!$subjects) {
    echo $OUTPUT->notification(get_string('nosubjects', 'local_thesisdesk'), 'info', false);
}
foreach ($subjects as $subject) {
    $body = html_writer::tag('h3', format_string($subject->title, true, ['context' => $context]), ['class' => 'h5']);
    $body .= format_text($subject->description, $subject->descriptionformat, ['context' => $context]);
    $facts = [];
    if (trim((string) $subject->supervisors) !== '') {
        $facts[] = html_writer::tag('dt', get_string('supervisors', 'local_thesisdesk'), ['class' => 'col-sm-3'])
            . html_writer::tag('dd', s($subject->supervisors), ['class' => 'col-sm-9']);
    }
    if (trim((string) $subject->keywords) !== '') {
        $facts[] = html_writer::tag('dt', get_string('keywords', 'local_thesisdesk'), ['class' => 'col-sm-3'])
            . html_writer::tag('dd', s($subject->keywords), ['class' => 'col-sm-9']);
    }
    $facts[] = html_writer::tag('dt', get_string('placesleft', 'local_thesisdesk'), ['class' => 'col-sm-3'])
        . html_writer::tag('dd', (int) $subject->placesleft, ['class' => 'col-sm-9']);
    $body .= html_writer::tag('dl', implode('', $facts), ['class' => 'row mb-0']);
    echo html_writer::div(html_writer::div($body, 'card-body'), 'card mb-3 local-thesisdesk-subject',
        ['data-key' => $subject->itemkey]);
}
echo $OUTPUT->footer();
