import {
  BadRequestException,
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  UnprocessableEntityException,
  UploadedFile,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  ImportFileError,
  SHEET_LIMITS,
  type ImportCommitResult,
  type ImportView,
} from '@chidao/imports';
import { apiError } from '../common/api-error';
import { Ctx, type RequestContext } from '../common/request-context';
import { ImportAccessGuard } from './import-access.guard';

import { CommitImportDto } from './imports.dto';
import { ImportsService } from './imports.service';

/** The upload as multer hands it over (memory storage). */
interface UploadedSheet {
  readonly originalname: string;
  readonly buffer: Buffer;
}

const uuid = new ParseUUIDPipe();

@ApiTags('imports')
@ApiBearerAuth()
@Controller('api/imports')
export class ImportsController {
  constructor(private readonly imports: ImportsService) {}

  @Post()
  @HttpCode(200)
  @UseGuards(ImportAccessGuard)
  @UseInterceptors(
    // No storage given: multer keeps the file in memory (bounded by fileSize), never on disk.
    FileInterceptor('file', {
      // One file and the mapping: the rest of a hostile form is refused.
      limits: {
        fileSize: SHEET_LIMITS.maxFileBytes,
        files: 1,
        fields: 2,
        fieldSize: 64 * 1024,
        parts: 4,
      },
    }),
  )
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      properties: {
        file: { type: 'string', format: 'binary' },
        mapping: {
          type: 'string',
          description:
            'JSON { sheet?, headerRow?, columns: { field: "C" | null } }: the columns mapped by hand',
        },
      },
      required: ['file'],
    },
  })
  @ApiOperation({
    summary:
      'Dry run of importing a task list (.xlsx or .csv): its id, the preview, the differences with what the log holds and every problem row by row; keeps the file and records the run, writes no task (leadership and trackers of a body)',
  })
  async dryRun(
    @UploadedFile() file: UploadedSheet | undefined,
    @Body() form: Record<string, unknown>,
    @Ctx() ctx: RequestContext,
  ): Promise<ImportView> {
    if (!file) {
      throw new BadRequestException(
        apiError(
          'file_required',
          'Attach the list to import as the form field "file".',
          'Chưa chọn tệp danh sách nhiệm vụ để nhập (.xlsx hoặc .csv).',
        ),
      );
    }
    const mapping = typeof form?.mapping === 'string' ? form.mapping : undefined;
    try {
      return await this.imports.prepare(
        // The name as sent, on one line and bounded: it is only ever shown back.
        {
          name: file.originalname.replace(/[\p{Cc}\p{Cf}]/gu, '').slice(0, 255),
          bytes: file.buffer,
        },
        mapping,
        ctx,
      );
    } catch (error) {
      if (error instanceof ImportFileError) {
        const body = apiError(error.code, error.message, error.vi);
        throw error.code === 'invalid_mapping'
          ? new BadRequestException(body)
          : new UnprocessableEntityException(body);
      }
      throw error;
    }
  }

  @Get(':id')
  @ApiOperation({
    summary:
      'An import shown again: the dry run planned against the log as it is now, and whether it was committed (its body’s leadership and trackers, auditors)',
  })
  show(@Param('id', uuid) id: string, @Ctx() ctx: RequestContext): Promise<ImportView> {
    return this.imports.show(id, ctx);
  }

  @Post(':id/commit')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Applies the dry run, all or nothing: documents registered, tasks created with their back-dated history, changed, or cancelled as confirmed; every event marked with the file’s SHA-256 and row',
  })
  commit(
    @Param('id', uuid) id: string,
    @Body() body: CommitImportDto,
    @Ctx() ctx: RequestContext,
  ): Promise<ImportCommitResult> {
    const apply = body.apply ?? { new: true, changed: true, vanished: false };
    return this.imports.commit(id, apply, ctx);
  }
}
