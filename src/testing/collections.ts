import { COLLECTION_ORDER, COLLECTIONS, type CollectionModel, type CollectionName, type ReferenceModel } from "../../generated/model.js";
import { isShapeName, type ShapeName } from "./operation-table.js";

/*
 * The collections of records the fake keeps come from the spec, through the model `npm run generate` derives
 * from it (`generated/model.js`): a schema with `x-iwerp-collection` is a collection, its `x-iwerp-*`
 * extensions say which fields name other records, which a record needs and which are computed. Nothing here
 * names a collection, so an entity the spec adds is kept as soon as it is generated.
 */

export { COLLECTION_ORDER, COLLECTIONS };
export type { CollectionName };

/** What the fake knows about one collection (see `CollectionModel` in `generated/model.d.ts`). */
export type Collection = CollectionModel;

/** A field of a record that names a record of another collection (stored as `{ id, … }`). */
export type Reference = ReferenceModel;

/** Fields the fake sets itself; a write cannot change them (the spec's description says so). */
export const SERVER_FIELDS: readonly string[] = ["id", "created", "updated"];

/**
 * The schema of `name`'s records in full form (its `x-iwerp-collection` schema), as the fake renders them. Throws
 * when no response of the spec uses it, as the fake could not render a record of it then.
 */
export function fullShapeOf(name: CollectionName): ShapeName {
  const { schema } = COLLECTIONS[name];
  if (!isShapeName(schema)) throw new Error(`the fake tenant cannot render ${name}: no response of the spec uses its schema ${schema}`);
  return schema;
}
