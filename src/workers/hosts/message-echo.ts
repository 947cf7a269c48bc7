/**
 * The message explorer's echo host (issue 17, item 4), run as a worker thread or a forked
 * process: it only maps its transport to answerEcho.
 */
import { parentPort } from 'node:worker_threads';
import { answerEcho, isEchoRequest, type EchoPost } from '../../shared/messages/message-echo';

const post: EchoPost = parentPort
  ? (reply, transfer) => parentPort!.postMessage(reply, transfer)
  : (reply) => process.send!(reply);

const onMessage = (message: unknown): void => {
  if (isEchoRequest(message)) answerEcho(message, post);
};

if (parentPort) parentPort.on('message', onMessage);
else {
  if (!process.send) throw new Error('message-echo.js must run as a worker thread or with fork');
  process.on('message', onMessage);
  // No orphans: the channel closes when the parent dies.
  process.on('disconnect', () => process.exit(0));
}
post({ type: 'ready' });
