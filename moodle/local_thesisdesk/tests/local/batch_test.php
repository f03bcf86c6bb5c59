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
 * Tests of batch::run_together(): one commit for the items of a batch, and when one fails,
 * everything rolled back and each item run again alone, so that the failure stays with it.
 *
 * @package    local_thesisdesk
 * @copyright  2026 ThesisDesk
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 * @covers     \local_thesisdesk\local\batch
 */
final class batch_test extends \advanced_testcase {
    /** @var array<string, int> how many times each item's work ran */
    private array $tries = [];

    /**
     * An item's work: records a mapping (the plugin's own table), then fails if asked to.
     *
     * @param int $courseid course id
     * @param string $key the item's key
     * @param bool $fail whether the work throws after writing
     * @return callable
     */
    private function work(int $courseid, string $key, bool $fail): callable {
        return function () use ($courseid, $key, $fail): array {
            $this->tries[$key] = ($this->tries[$key] ?? 0) + 1;
            items::save($courseid, $key, 'section', 1000 + $this->tries[$key]);
            if ($fail) {
                throw new item_exception('invaliddate', 'duedate');
            }
            return ['status' => 'updated'];
        };
    }

    /**
     * All items succeed: one pass, every write kept.
     */
    public function test_items_that_all_succeed_run_once(): void {
        $this->resetAfterTest();
        $this->preventResetByRollback(); // As in a web service call: no transaction around.
        $courseid = (int) $this->getDataGenerator()->create_course()->id;

        $results = (new batch())->run_together([
            'a' => $this->work($courseid, 'a', false),
            'c' => $this->work($courseid, 'c', false),
        ]);

        $this->assertSame(['a', 'c'], array_keys($results));
        $this->assertSame(['key' => 'a', 'status' => 'updated'], $results['a']);
        $this->assertSame(['a' => 1, 'c' => 1], $this->tries);
        $this->assertEquals(1001, items::get($courseid, 'a')->moodleid);
        $this->assertEquals(1001, items::get($courseid, 'c')->moodleid);
    }

    /**
     * One item fails: the common transaction is rolled back, then each item runs alone; the
     * others keep their writes and the failing one is reported with its code, its write undone.
     */
    public function test_a_failure_stays_with_its_item(): void {
        $this->resetAfterTest();
        $this->preventResetByRollback();
        $courseid = (int) $this->getDataGenerator()->create_course()->id;

        $results = (new batch())->run_together([
            'a' => $this->work($courseid, 'a', false),
            'b' => $this->work($courseid, 'b', true),
            'c' => $this->work($courseid, 'c', false),
        ]);

        $this->assertSame('updated', $results['a']['status']);
        $this->assertSame('error', $results['b']['status']);
        $this->assertSame('invaliddate', $results['b']['errorcode']);
        $this->assertSame('updated', $results['c']['status']);
        // a ran together (rolled back), then alone; c was not reached together, then alone.
        $this->assertSame(['a' => 2, 'b' => 2, 'c' => 1], $this->tries);
        $this->assertEquals(1002, items::get($courseid, 'a')->moodleid);
        $this->assertNull(items::get($courseid, 'b'));
        $this->assertEquals(1001, items::get($courseid, 'c')->moodleid);
    }
}
