import { z } from "zod";
import dayjs from "dayjs";
import { debounce } from "lodash-es";

export const schema = z.object({ when: z.string().transform((s) => dayjs(s).toDate()) });
export const save = debounce(() => undefined, 300);
