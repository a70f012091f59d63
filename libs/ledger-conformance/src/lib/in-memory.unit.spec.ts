import { InMemoryCheckpointStore, InMemoryCustomerRegistry } from '@complaint-ledger/ledger-ports';
import { checkpointStoreConformance } from './checkpoint-store.conformance';
import { customerRegistryConformance } from './customer-registry.conformance';

// The in-memory doubles keep nothing across a restart: the durability cases do not apply to them.
customerRegistryConformance('in-memory', async () => new InMemoryCustomerRegistry());
checkpointStoreConformance('in-memory', async () => new InMemoryCheckpointStore());
