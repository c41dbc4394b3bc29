// Operator command for a consumer group's dead-letter topic (assay.dlt.<group>):
//   node dist/deploy/tools/dead-letters.js list <group>     what is there and why (nothing is published or committed)
//   node dist/deploy/tools/dead-letters.js replay <group>   send each dead letter not yet replayed back into that group only
// Replay once the cause is fixed; the consumer's inbox makes a replay of something applied a no-op.
import { KafkaMessagePublisher, brokersFromEnv, createKafka, replayDeadLetters } from '@assay/messaging';
import { createLogger } from '@assay/observability';

async function main() {
  const [command, groupId] = process.argv.slice(2);
  if (!['list', 'replay'].includes(command) || !groupId) throw new Error('usage: dead-letters list|replay <consumer-group>');
  const kafka = createKafka(brokersFromEnv(), 'assay-dead-letters', createLogger('dead-letters', 'warn'));
  const publisher = new KafkaMessagePublisher(kafka);
  try {
    const { letters, replayed } = await replayDeadLetters(kafka, groupId, publisher, { dryRun: command === 'list' });
    for (const l of letters) console.log(`#${l.offset}  ${l.at}  ${l.kind}  from ${l.originalTopic}  attempts=${l.attempts}  key=${l.key}\n    ${l.error}`);
    console.log(command === 'list' ? `${letters.length} dead letter(s) for ${groupId}` : `${replayed} dead letter(s) replayed into ${groupId}`);
  } finally {
    await publisher.close();
  }
}

main().catch((error) => {
  console.error(error.message);
  process.exit(1);
});
