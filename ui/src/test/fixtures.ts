// The core's recorded answers the UI tests replay (see dev/replay.ts).

import { parseRecording } from "../dev/replay";
import agreementText from "./fixtures/agreement.json?raw";
import importText from "./fixtures/import.json?raw";
import reviewText from "./fixtures/review.json?raw";
import speakersText from "./fixtures/speakers.json?raw";

export const review = parseRecording(reviewText);
export const imports = parseRecording(importText);
export const agreement = parseRecording(agreementText);
export const speakers = parseRecording(speakersText);
