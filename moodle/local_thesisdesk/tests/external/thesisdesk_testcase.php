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

namespace local_thesisdesk\external;

defined('MOODLE_INTERNAL') || die();

global $CFG;
if (file_exists($CFG->dirroot . '/webservice/tests/helpers.php')) {
    require_once($CFG->dirroot . '/webservice/tests/helpers.php');
}

/**
 * Shared set-up of the external function tests: a course, an editing teacher who manages
 * ThesisDesk items, two students.
 *
 * externallib_advanced_testcase is Moodle 4.5's name; 5.1 keeps it as an alias of
 * \core_external\tests\externallib_testcase.
 *
 * @package    local_thesisdesk
 * @category   test
 * @copyright  2026 ThesisDesk
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
abstract class thesisdesk_testcase extends \externallib_advanced_testcase {
    /** @var \stdClass the thesis course */
    protected $course;
    /** @var \stdClass an editing teacher of the course */
    protected $teacher;
    /** @var \stdClass a student */
    protected $student1;
    /** @var \stdClass another student */
    protected $student2;

    /**
     * Course, teacher and students; the teacher is the current user.
     */
    protected function setUp(): void {
        parent::setUp();
        $this->resetAfterTest();
        // A batch rolls back a failed item alone only outside any transaction, as in a web
        // service call: do not wrap the test in one.
        $this->preventResetByRollback();
        $generator = $this->getDataGenerator();
        $this->course = $generator->create_course(['shortname' => 'MEM-TEST']);
        $this->teacher = $generator->create_and_enrol($this->course, 'editingteacher');
        $this->student1 = $generator->create_and_enrol($this->course, 'student');
        $this->student2 = $generator->create_and_enrol($this->course, 'student');
        $this->setUser($this->teacher);
    }

    /**
     * The plugin's generator.
     *
     * @return \local_thesisdesk_generator
     */
    protected function thesisdesk(): \local_thesisdesk_generator {
        return $this->getDataGenerator()->get_plugin_generator('local_thesisdesk');
    }

    /**
     * Call an external function as the web service layer does, and clean its answer.
     *
     * @param string $class class name in local_thesisdesk\external
     * @param array $params parameters by name
     * @return array the cleaned return value
     */
    protected function call(string $class, array $params): array {
        $classname = '\\local_thesisdesk\\external\\' . $class;
        $result = $classname::execute(...$params);
        return \core_external\external_api::clean_returnvalue($classname::execute_returns(), $result);
    }
}
