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


namespace local_thesisdesk\task;

/**
 * Tests of the deposit webhook: the observer queues a task for managed assignments only, and
 * the task signs what it sends.
 *
 * @package    local_thesisdesk
 * @category   test
 * @copyright  2026 ThesisDesk
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 * @covers     \local_thesisdesk\task\send_webhook
 * @covers     \local_thesisdesk\observer
 */
final class send_webhook_test extends \advanced_testcase {
    /**
     * A file submission in a managed assignment queues one notice; in another assignment, none.
     */
    public function test_submission_in_managed_assignment_is_queued(): void {
        $this->resetAfterTest();
        $this->preventResetByRollback();
        set_config('thesisdeskurl', 'https://thesisdesk.example.edu', 'local_thesisdesk');
        $generator = $this->getDataGenerator();
        $course = $generator->create_course();
        $teacher = $generator->create_and_enrol($course, 'editingteacher');
        $student = $generator->create_and_enrol($course, 'student');
        $this->setUser($teacher);
        $thesisdesk = $generator->get_plugin_generator('local_thesisdesk');
        $thesisdesk->create_section(['courseid' => $course->id, 'key' => 's']);
        $managed = $thesisdesk->create_assignment(['courseid' => $course->id, 'key' => 'deposit', 'sectionkey' => 's']);
        $other = $generator->create_module('assign', ['course' => $course->id, 'assignsubmission_file_enabled' => 1,
            'assignsubmission_file_maxfiles' => 1, 'assignsubmission_file_maxsizebytes' => 0]);

        $assigngenerator = $generator->get_plugin_generator('mod_assign');
        $assigngenerator->create_submission(['userid' => $student->id, 'cmid' => $other->cmid,
            'file' => 'lib/tests/fixtures/empty.txt']);
        $this->assertEmpty(\core\task\manager::get_adhoc_tasks(send_webhook::class));

        $assigngenerator->create_submission(['userid' => $student->id, 'cmid' => $managed['cmid'],
            'file' => 'lib/tests/fixtures/empty.txt']);
        $tasks = \core\task\manager::get_adhoc_tasks(send_webhook::class);
        $this->assertNotEmpty($tasks);
        $data = (array) reset($tasks)->get_custom_data();
        $this->assertSame('deposit', $data['key']);
        $this->assertEquals($student->id, $data['userid']);
        $this->assertEquals($managed['assignid'], $data['assignid']);
        $this->assertNotEmpty($data['eventid']);
        // Delivered right after the request; the queued task is the fallback, a minute later.
        $this->assertGreaterThan(time(), reset($tasks)->get_next_run_time());
    }

    /**
     * The body and the signature follow ThesisDesk's webhook contract.
     */
    public function test_body_and_signature(): void {
        global $CFG;
        $this->resetAfterTest();
        $body = send_webhook::body(['event' => 'submission_submitted', 'eventid' => 'e1', 'courseid' => 2, 'key' => 'k',
            'cmid' => 3, 'assignid' => 4, 'userid' => 5, 'groupid' => 0, 'submissionid' => 6, 'status' => 'submitted',
            'timemodified' => 7]);
        $decoded = json_decode($body, true);
        $this->assertSame($CFG->wwwroot, $decoded['site']);
        $this->assertSame(['event', 'eventid', 'site', 'courseid', 'key', 'cmid', 'assignid', 'userid', 'groupid',
            'submissionid', 'status', 'timemodified'], array_keys($decoded));
        $this->assertSame('sha256=' . hash_hmac('sha256', '1700000000.' . $body, 'secret'),
            send_webhook::signature('secret', 1700000000, $body));
    }
}
