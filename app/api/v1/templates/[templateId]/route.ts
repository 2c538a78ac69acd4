import { deleteTemplate, updateTemplate } from "@/lib/templates/manage";
import { getTemplate } from "@/lib/templates/queries";
import { updateTemplateInput } from "@/lib/templates/schemas";
import { itemRoutes } from "../../_shared/item-routes";

export const { GET, PATCH, DELETE } = itemRoutes("templateId", {
  get: getTemplate,
  updateInput: updateTemplateInput,
  update: updateTemplate,
  remove: deleteTemplate,
});
