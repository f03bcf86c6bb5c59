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


namespace local_thesisdesk\privacy;

use core_privacy\local\request\approved_contextlist;
use core_privacy\local\request\approved_userlist;
use core_privacy\local\request\writer;
use core_privacy\tests\provider_testcase;

/**
 * Tests of the privacy provider: the register of sent notifications.
 *
 * @package    local_thesisdesk
 * @category   test
 * @copyright  2026 ThesisDesk
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 * @covers     \local_thesisdesk\privacy\provider
 */
final class provider_test extends provider_testcase {
    /**
     * A course, two students, and one notification sent to each.
     *
     * @return array [course, student1, student2]
     */
    private function sent_notifications(): array {
        global $DB;
        $this->resetAfterTest();
        $course = $this->getDataGenerator()->create_course();
        $student1 = $this->getDataGenerator()->create_and_enrol($course, 'student');
        $student2 = $this->getDataGenerator()->create_and_enrol($course, 'student');
        foreach ([$student1, $student2] as $student) {
            $DB->insert_record('local_thesisdesk_sent', (object) ['notifkey' => 'reminder:1', 'userid' => $student->id,
                'courseid' => $course->id, 'messageid' => 0, 'timecreated' => time()]);
        }
        return [$course, $student1, $student2];
    }

    /**
     * The metadata names the table, the external location and the messaging subsystem.
     */
    public function test_metadata(): void {
        $collection = provider::get_metadata(new \core_privacy\local\metadata\collection('local_thesisdesk'));
        $names = array_map(fn($item) => $item->get_name(), $collection->get_collection());
        $this->assertEqualsCanonicalizing(['local_thesisdesk_sent', 'thesisdesk', 'core_message'], $names);
    }

    /**
     * Contexts, export and deletion for one user.
     */
    public function test_export_and_delete_for_user(): void {
        global $DB;
        [$course, $student1, $student2] = $this->sent_notifications();
        $context = \context_course::instance($course->id);
        $contextlist = provider::get_contexts_for_userid($student1->id);
        $this->assertEquals([$context->id], $contextlist->get_contextids());

        provider::export_user_data(new approved_contextlist($student1, 'local_thesisdesk', [$context->id]));
        $exported = writer::with_context($context)->get_data([get_string('privacy:sentnotifications', 'local_thesisdesk')]);
        $this->assertSame('reminder:1', $exported->notifications[0]->key);

        provider::delete_data_for_user(new approved_contextlist($student1, 'local_thesisdesk', [$context->id]));
        $this->assertFalse($DB->record_exists('local_thesisdesk_sent', ['userid' => $student1->id]));
        $this->assertTrue($DB->record_exists('local_thesisdesk_sent', ['userid' => $student2->id]));
    }

    /**
     * Users in a context, and deletion for several users and for everyone.
     */
    public function test_users_in_context_and_bulk_deletion(): void {
        global $DB;
        [$course, $student1, $student2] = $this->sent_notifications();
        $context = \context_course::instance($course->id);
        $userlist = new \core_privacy\local\request\userlist($context, 'local_thesisdesk');
        provider::get_users_in_context($userlist);
        $this->assertEqualsCanonicalizing([$student1->id, $student2->id], $userlist->get_userids());

        provider::delete_data_for_users(new approved_userlist($context, 'local_thesisdesk', [$student2->id]));
        $this->assertFalse($DB->record_exists('local_thesisdesk_sent', ['userid' => $student2->id]));
        provider::delete_data_for_all_users_in_context($context);
        $this->assertSame(0, $DB->count_records('local_thesisdesk_sent', ['courseid' => $course->id]));
    }
}
