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
 * Runs the items of a batch one by one, each in its own transaction.
 *
 * A failing item is rolled back and reported (status error, errorcode, message); the items
 * before and after it keep their effects.
 *
 * @package    local_thesisdesk
 * @copyright  2026 ThesisDesk
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class batch {
    /** @var array<string, bool> keys already seen in this batch */
    private array $seen = [];

    /**
     * Run one item.
     *
     * @param string $key the item's key
     * @param callable $work returns the item's result fields (at least 'status')
     * @return array the result with 'key' first
     */
    public function run(string $key, callable $work): array {
        try {
            if ($key === '' || \core_text::strlen($key) > 255) {
                throw new item_exception('invalidkey');
            }
            if (isset($this->seen[$key])) {
                throw new item_exception('duplicatekey', s($key));
            }
            $this->seen[$key] = true;
        } catch (\Throwable $e) {
            return ['key' => $key] + self::error_fields($e);
        }
        return $this->run_isolated($key, $work);
    }

    /**
     * Run the writes of several items of this batch (already seen by run()) with one commit for
     * all: a batch of small updates then pays for one transaction instead of one per item. If
     * anything fails, everything is rolled back and the items are run again one by one, each in
     * its own transaction, so that a failure stays with its item.
     *
     * @param callable[] $works by key: returns the item's result fields (at least 'status')
     * @return array results by key, each with 'key' first
     */
    public function run_together(array $works): array {
        global $DB;

        if (!$DB->is_transaction_started()) {
            try {
                $transaction = $DB->start_delegated_transaction();
                $results = [];
                foreach ($works as $key => $work) {
                    $results[$key] = ['key' => (string) $key] + $work();
                }
                $transaction->allow_commit();
                return $results;
            } catch (\Throwable $e) {
                if ($DB->is_transaction_started()) {
                    $DB->force_transaction_rollback();
                }
            }
        }
        $results = [];
        foreach ($works as $key => $work) {
            $results[$key] = $this->run_isolated((string) $key, $work);
        }
        return $results;
    }

    /**
     * Run one item in its own transaction.
     *
     * @param string $key the item's key
     * @param callable $work returns the item's result fields
     * @return array the result with 'key' first
     */
    private function run_isolated(string $key, callable $work): array {
        global $DB;

        // Items can only be rolled back one by one when the batch is not itself inside a
        // transaction (web service calls never are); inside one, a failure fails the whole call.
        $isolated = !$DB->is_transaction_started();
        try {
            $transaction = $DB->start_delegated_transaction();
            $result = $work();
            $transaction->allow_commit();
            return ['key' => $key] + $result;
        } catch (\Throwable $e) {
            if (!$isolated) {
                throw $e;
            }
            if ($DB->is_transaction_started()) {
                $DB->force_transaction_rollback();
            }
            return ['key' => $key] + self::error_fields($e);
        }
    }

    /**
     * The result fields describing a failure.
     *
     * @param \Throwable $e the failure
     * @return array status, errorcode, message
     */
    public static function error_fields(\Throwable $e): array {
        $code = $e instanceof \moodle_exception ? (string) $e->errorcode : 'unexpectederror';
        // Some core error codes are sentences: keep the code a code.
        $code = preg_replace('/[^a-zA-Z0-9_-]/', '', $code);
        if ($code === '' || \core_text::strlen($code) > 100) {
            $code = 'moodleerror';
        }
        $message = $e->getMessage();
        if ($e instanceof \moodle_exception && !empty($e->debuginfo) && debugging('', DEBUG_DEVELOPER)) {
            $message .= ' (' . $e->debuginfo . ')';
        }
        return ['status' => 'error', 'errorcode' => $code, 'message' => $message];
    }
}
