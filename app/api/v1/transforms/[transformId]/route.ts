import { deleteTransform } from "@/lib/transforms/delete";
import { getTransform } from "@/lib/transforms/queries";
import { updateTransformInput } from "@/lib/transforms/schemas";
import { updateTransform } from "@/lib/transforms/update";
import { itemRoutes } from "../../_shared/item-routes";

export const { GET, PATCH, DELETE } = itemRoutes("transformId", {
  get: getTransform,
  updateInput: updateTransformInput,
  update: updateTransform,
  remove: deleteTransform,
});
