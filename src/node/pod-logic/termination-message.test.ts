import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { composeTerminationMessage, terminationMessageNeedsLogs, type TerminationMessageInput } from './termination-message.js';

describe('composeTerminationMessage', () => {
  const logs = () => 'last lines\n';
  const cases: Array<[string, TerminationMessageInput, string, boolean]> = [
    ['file content', { exitCode: 0, file: 'done' }, 'done', false],
    ['runtime message then file', { exitCode: 1, runtimeMessage: 'oom', file: 'bye' }, 'oom: bye', false],
    ['runtime message only', { exitCode: 137, runtimeMessage: 'killed', file: '' }, 'killed', false],
    ['missing file, File policy', { exitCode: 1 }, '', false],
    ['FallbackToLogsOnError, failed, empty file', { exitCode: 2, policy: 'FallbackToLogsOnError', file: '', readLogTail: logs }, 'last lines\n', true],
    ['FallbackToLogsOnError, failed, no file', { exitCode: 2, policy: 'FallbackToLogsOnError', readLogTail: logs }, 'last lines\n', true],
    ['FallbackToLogsOnError, failed, file wins', { exitCode: 2, policy: 'FallbackToLogsOnError', file: 'why', readLogTail: logs }, 'why', false],
    ['FallbackToLogsOnError, success: no logs', { exitCode: 0, policy: 'FallbackToLogsOnError', readLogTail: logs }, '', false],
    ['FallbackToLogsOnError, ContainerCannotRun: no logs', { exitCode: 128, reason: 'ContainerCannotRun', policy: 'FallbackToLogsOnError', readLogTail: logs }, '', false],
    ['unreadable file', { exitCode: 1, file: new Error('permission denied'), filePath: '/p/0' }, 'Error on reading termination log /p/0: permission denied', false],
  ];
  for (const [name, input, expected, needsLogs] of cases) {
    it(name, () => {
      assert.equal(composeTerminationMessage(input), expected);
      assert.equal(terminationMessageNeedsLogs(input), needsLogs);
    });
  }
});
