// The document-aware context of an endpoint request (the rule context plus the installed document types).
import type { Request } from 'express';
import { DOCUMENTS } from '../documents/index';
import type { DocContext } from '../engine/document-type';
import { type EndpointContext, requestContext } from '../platform/endpoint';

export const documentRequest = (ext: EndpointContext, req: Request): DocContext => ({ ...requestContext(ext, req), documents: DOCUMENTS });
